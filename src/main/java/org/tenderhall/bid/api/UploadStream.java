package org.tenderhall.bid.api;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.smallrye.mutiny.Uni;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.Json;
import io.vertx.core.streams.WriteStream;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.tenderhall.bid.BidProblems;
import org.tenderhall.bid.BidUploads;
import org.tenderhall.bid.store.BidUpload;
import org.tenderhall.identity.CurrentUser;
import org.tenderhall.identity.IdentityConfig;
import org.tenderhall.identity.domain.Actor;
import org.tenderhall.identity.domain.Role;
import org.tenderhall.platform.problem.FieldError;
import org.tenderhall.platform.problem.Problem;
import org.tenderhall.platform.problem.ProblemType;
import org.tenderhall.platform.problem.Rejection;
import org.tenderhall.platform.web.RequestIds;

/**
 * {@code PATCH /api/bids/uploads/{upload}}: the bytes of a resumable upload, piped by Vert.x straight from the
 * connection to the upload's file with back-pressure (no worker thread per buffer), flushed to disk (fsync), and only
 * then confirmed in {@code Upload-Offset}. The checks (who, which upload, which offset) run on a worker first; a
 * dropped connection keeps and confirms what arrived.
 */
@Singleton
class UploadStream {

    private static final Logger LOG = Logger.getLogger(UploadStream.class);

    @Inject
    BidUploads uploads;

    @Inject
    IdentityConfig identityConfig;

    @Inject
    Vertx vertx;

    void install(@Observes Router router) {
        router.route(HttpMethod.PATCH, "/api/bids/uploads/:upload").order(1000).handler(this::patch);
    }

    private void patch(RoutingContext context) {
        context.request().pause();
        UUID id;
        try {
            id = UUID.fromString(context.pathParam("upload"));
        } catch (IllegalArgumentException e) {
            problem(context, new Rejection(ProblemType.NOT_FOUND, "There is no upload " + context.pathParam("upload")));
            return;
        }
        String contentType = context.request().getHeader("Content-Type");
        if (contentType == null || !(contentType.startsWith(BidUploadResource.PIECE)
                || contentType.startsWith("application/octet-stream"))) {
            problem(context, new Rejection(ProblemType.UNSUPPORTED_MEDIA_TYPE, "Send the bytes as "
                    + BidUploadResource.PIECE));
            return;
        }
        Uni<SecurityIdentity> deferred = context.get(QuarkusHttpUser.DEFERRED_IDENTITY_KEY);
        if (deferred == null) {
            problem(context, new Rejection(ProblemType.UNAUTHENTICATED, "Sign in as a bidder"));
            return;
        }
        deferred.subscribe().with(identity -> {
            if (identity.isAnonymous()) {
                context.response().putHeader("WWW-Authenticate", "Basic realm=\"Tenderhall\"");
                problem(context, new Rejection(ProblemType.UNAUTHENTICATED, "Sign in as a bidder"));
            } else if (!identity.hasRole(Role.BIDDER.id())) {
                problem(context, new Rejection(ProblemType.FORBIDDEN, "Only bidders upload bids"));
            } else {
                begin(context, identity, id);
            }
        }, failure -> {
            context.response().putHeader("WWW-Authenticate", "Basic realm=\"Tenderhall\"");
            problem(context, new Rejection(ProblemType.UNAUTHENTICATED, "Sign in as a bidder"));
        });
    }

    private void begin(RoutingContext context, SecurityIdentity identity, UUID id) {
        long offset;
        try {
            offset = BidUploadResource.offset(context.request().getHeader(BidUploadResource.OFFSET));
        } catch (Rejection e) {
            problem(context, e);
            return;
        }
        vertx.<BidUpload>executeBlocking(() -> uploads.beginAppend(new Actor(identity.getPrincipal().getName(),
                Role.BIDDER, CurrentUser.organisationOf(identity, identityConfig.organisationClaim())), id, offset))
                .onFailure(e -> problem(context, e))
                .onSuccess(upload -> vertx.fileSystem().open(uploads.file(id).toString(),
                        new OpenOptions().setWrite(true).setCreate(false).setTruncateExisting(false))
                        .onFailure(e -> end(context, id, null, null, e))
                        .onSuccess(file -> {
                            file.setWritePos(offset);
                            Limited sink = new Limited(file, upload.declaredSize - offset);
                            context.request().pipe().endOnFailure(false).to(sink)
                                    .onComplete(piped -> end(context, id, file, sink, piped.failed() ? piped.cause()
                                            : null));
                        }));
    }

    /** Flushes and closes the file, confirms what it holds, and answers (when the client is still there). */
    private void end(RoutingContext context, UUID id, AsyncFile file, Limited sink, Throwable failure) {
        Future<Void> closed = file == null ? Future.succeededFuture()
                : file.flush().transform(flushed -> file.close().transform(c -> flushed.succeeded()
                        ? Future.<Void>succeededFuture() : Future.<Void>failedFuture(flushed.cause())));
        closed.onComplete(done -> vertx.executeBlocking(() -> uploads.endAppend(id)).onComplete(confirmed -> {
            if (confirmed.failed()) {
                problem(context, confirmed.cause());
            } else if (sink != null && sink.tooLong) {
                context.response().putHeader("Connection", "close");
                problem(context, new Rejection(BidProblems.LONGER_THAN_DECLARED, "The upload declared "
                        + (sink.limit) + " more bytes; the bytes beyond were not kept. Commit what it holds, or"
                        + " abandon it."));
            } else if (failure != null || done.failed()) {
                LOG.infof("Upload %s interrupted at %d bytes: %s", id, confirmed.result(),
                        failure != null ? failure.toString() : done.cause().toString());
                if (!context.response().closed() && !context.response().ended()) {
                    problem(context, failure != null ? failure : done.cause());
                }
            } else {
                context.response().setStatusCode(204).putHeader(BidUploadResource.OFFSET,
                        Long.toString(confirmed.result())).putHeader("Cache-Control", "no-store").end();
            }
        }));
    }

    private static void problem(RoutingContext context, Throwable failure) {
        if (context.response().ended() || context.response().closed()) {
            return;
        }
        Rejection rejection = failure instanceof Rejection r ? r
                : new Rejection(ProblemType.INTERNAL_ERROR, "Something went wrong on our side. Quote request id "
                        + RequestIds.of(context) + " when reporting it.");
        if (!(failure instanceof Rejection)) {
            LOG.errorf(failure, "Upload request %s failed", RequestIds.of(context));
        }
        Problem problem = Problem.of(rejection.type(), rejection.getMessage(), context.request().path(),
                RequestIds.of(context), rejection.errors() == null ? List.<FieldError>of() : rejection.errors());
        rejection.headers().forEach((name, value) -> context.response().putHeader(name, value));
        context.response().setStatusCode(problem.status()).putHeader("Content-Type", Problem.MEDIA_TYPE)
                .end(Json.encode(problem));
    }

    /** The file, taking at most {@code limit} more bytes; past that it keeps the part that fits and fails. */
    private static final class Limited implements WriteStream<Buffer> {
        private final AsyncFile file;
        private final long limit;
        private long written;
        private boolean tooLong;
        private Handler<Throwable> exceptionHandler;

        Limited(AsyncFile file, long limit) {
            this.file = file;
            this.limit = limit;
        }

        @Override
        public WriteStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
            this.exceptionHandler = handler;
            file.exceptionHandler(handler);
            return this;
        }

        @Override
        public Future<Void> write(Buffer data) {
            if (tooLong) {
                return Future.failedFuture("longer than declared");
            }
            long room = limit - written;
            if (data.length() > room) {
                tooLong = true;
                Future<Void> last = room > 0 ? file.write(data.getBuffer(0, (int) room)) : Future.succeededFuture();
                written += Math.max(room, 0);
                IllegalStateException over = new IllegalStateException("longer than declared");
                if (exceptionHandler != null) {
                    exceptionHandler.handle(over);
                }
                return last.compose(v -> Future.failedFuture(over));
            }
            written += data.length();
            return file.write(data);
        }

        @Override
        public void write(Buffer data, Handler<AsyncResult<Void>> handler) {
            write(data).onComplete(handler);
        }

        @Override
        public void end(Handler<AsyncResult<Void>> handler) {
            Promise<Void> done = Promise.promise();
            done.future().onComplete(handler);
            done.complete();
        }

        @Override
        public Future<Void> end() {
            return Future.succeededFuture(); // the file is flushed and closed by the route, whatever the outcome
        }

        @Override
        public WriteStream<Buffer> setWriteQueueMaxSize(int maxSize) {
            file.setWriteQueueMaxSize(maxSize);
            return this;
        }

        @Override
        public boolean writeQueueFull() {
            return file.writeQueueFull();
        }

        @Override
        public WriteStream<Buffer> drainHandler(Handler<Void> handler) {
            file.drainHandler(handler);
            return this;
        }
    }
}
