package org.tenderhall.platform.problem;

import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Counts a command body as it is read and stops at {@link HttpFailureProblems}' limit for its path, so that a
 * chunked body growing past it is answered with a {@code payload-too-large} problem (and the connection closed,
 * since the rest of the body is not read) rather than cut off with an empty 413.
 */
@Provider
public class CommandBodyLimit implements ReaderInterceptor {

    @Inject
    CurrentVertxRequest request;

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        RoutingContext http = request.getCurrent();
        Long limit = http == null ? null : http.get(HttpFailureProblems.COMMAND_LIMIT);
        if (limit != null) {
            context.setInputStream(new Limited(context.getInputStream(), limit));
        }
        return context.proceed();
    }

    /** The body went past its limit. An IOException, so that JSON readers pass it on rather than wrap it. */
    static final class BodyTooLarge extends IOException {
        BodyTooLarge() {
            super("request body over its limit", null);
        }
    }

    private static final class Limited extends FilterInputStream {

        private final long limit;
        private long read;

        Limited(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count(skipped);
            return skipped;
        }

        private void count(long n) throws BodyTooLarge {
            read += n;
            if (read > limit) {
                throw new BodyTooLarge();
            }
        }
    }
}
