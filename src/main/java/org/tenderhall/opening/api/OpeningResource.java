package org.tenderhall.opening.api;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.tenderhall.identity.CurrentUser;
import org.tenderhall.kernel.Role;
import org.tenderhall.opening.KeyShareHandIns;
import org.tenderhall.opening.OpeningConfig;
import org.tenderhall.opening.OpeningHall;
import org.tenderhall.opening.OpeningRecords;
import org.tenderhall.opening.OpeningResponses;
import org.tenderhall.opening.OpeningStarts;
import org.tenderhall.opening.store.Opening;
import org.tenderhall.opening.store.OpeningEvent;
import org.tenderhall.opening.store.OpeningResponse;
import org.tenderhall.openingkey.domain.Custody;
import org.tenderhall.template.domain.FieldValues;

/**
 * The opening of a tender's bids: start it (at the opening time; the scheduler does so anyway), see where it
 * stands, and read the opening record.
 */
@Path("/api/tenders/{id}/opening")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class OpeningResource {

    @Inject
    OpeningStarts starts;

    @Inject
    OpeningHall hall;

    @Inject
    OpeningRecords records;

    @Inject
    OpeningResponses responses;

    @Inject
    KeyShareHandIns handIns;

    @Inject
    CurrentUser user;

    /** How often an open hall looks for new events. */
    private static final Duration EVENT_POLL = Duration.ofMillis(500);

    /** The comment a quiet hall sends, so that a watcher (and any proxy between) sees the stream is alive. */
    static final String KEEP_ALIVE = " keep-alive";

    /** How long the hall may stay silent before it sends a {@link #KEEP_ALIVE} comment. */
    @Inject
    OpeningConfig config;

    /**
     * {@code waitingFor}: under dual control, the custodians whose shares are still to come; {@code
     * decryptionUntil}: when bidders decrypt, the end of their window.
     */
    public record OpeningView(UUID tenderId, Custody custody, Opening.State state, int bids, Instant startedAt,
            Instant decryptionUntil, Instant recordedAt, Instant objectionsUntil, List<String> waitingFor,
            String record) {
    }

    private OpeningView view(Opening o) {
        List<String> waitingFor = o.custody == Custody.DUAL_CONTROL && o.state == Opening.State.DECRYPTING
                ? handIns.missing(o.tenderId) : List.of();
        return new OpeningView(o.tenderId, o.custody, o.state, o.bids, o.startedAt, o.decryptionUntil, o.recordedAt,
                o.objectionsUntil, waitingFor, "/api/tenders/" + o.tenderId + "/opening/record");
    }

    /** Starts the opening now: refused before the opening time, whoever asks, and recorded. */
    @POST
    public OpeningView start(@PathParam("id") UUID id) {
        return view(records.started(starts.open(user.reading(), id)));
    }

    @GET
    public OpeningView get(@PathParam("id") UUID id) {
        return view(records.watched(user.reading(), id));
    }

    /**
     * The opening hall (开标大厅) as server-sent events: first every event so far (from after {@code Last-Event-ID}
     * when a client reconnects), then each new one as it happens, until the record is complete or the tender fails.
     * Each event's {@code id} is its position, its name the kind ({@code opening-started}, {@code share-handed-in},
     * {@code key-handed-in}, {@code bid-opened}, {@code bid-not-opened}, {@code record-complete},
     * {@code tender-failed}) and its data JSON. The headers go out at once; while nothing happens (before the opening,
     * while custodians or bidders are awaited) a comment line {@code : keep-alive} is sent every
     * {@code tenderhall.opening.heartbeat}.
     */
    @GET
    @Path("events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Blocking // the access check reads the database
    public Multi<OutboundSseEvent> events(@PathParam("id") UUID id, @HeaderParam("Last-Event-ID") Long lastEventId,
            @Context Sse sse) {
        records.watcher(user.reading(), id);
        AtomicLong last = new AtomicLong(lastEventId == null ? 0 : lastEventId);
        AtomicBoolean ended = new AtomicBoolean();
        AtomicLong lastSent = new AtomicLong(System.nanoTime());
        OutboundSseEvent keepAlive = sse.newEventBuilder().comment(KEEP_ALIVE).build();
        return Multi.createFrom().ticks().startingAfter(Duration.ofMillis(1)).every(EVENT_POLL)
                .select().first(tick -> !ended.get()) // the tick after the last event ends the stream
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .onItem().transformToIterable(tick -> {
                    List<OpeningEvent> events = QuarkusTransaction.requiringNew()
                            .call(() -> hall.events(id, last.get()));
                    List<OutboundSseEvent> sent = new ArrayList<>(events.size());
                    for (OpeningEvent event : events) {
                        last.set(event.seq);
                        ended.compareAndSet(false, OpeningHall.FINAL_EVENTS.contains(event.kind));
                        // No media type on the event: RESTEasy would write it as a "content-type:" line, which is
                        // not SSE. The data is JSON text already.
                        sent.add(sse.newEventBuilder().id(Long.toString(event.seq)).name(event.kind).data(event.data)
                                .build());
                    }
                    long now = System.nanoTime();
                    if (sent.isEmpty() && now - lastSent.get() >= config.heartbeat().toNanos()) {
                        sent.add(keepAlive);
                    }
                    if (!sent.isEmpty()) {
                        lastSent.set(now);
                    }
                    return sent;
                });
    }

    public record Objection(
            @NotBlank @Pattern(regexp = FieldValues.PRINTABLE, message = FieldValues.NOT_PRINTABLE)
            @Size(max = 4000) String objection) {
    }

    public record Answer(
            @NotBlank @Pattern(regexp = FieldValues.PRINTABLE, message = FieldValues.NOT_PRINTABLE)
            @Size(max = 8000) String answer) {
    }

    /** A bidder confirms the complete record (once, within the window). */
    @POST
    @Path("confirmation")
    @RolesAllowed(Role.Names.BIDDER)
    public Response confirm(@PathParam("id") UUID id) {
        OpeningResponse confirmed = responses.confirm(user.actingAs(Role.BIDDER), id);
        return Response.status(Response.Status.CREATED).entity(OpeningRecordView.Reply.of(confirmed, null)).build();
    }

    /** A bidder objects to the record (异议), with its text (once, within the window). */
    @POST
    @Path("objections")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.Names.BIDDER)
    public Response object(@PathParam("id") UUID id, @NotNull @Valid Objection objection) {
        OpeningResponse objected = responses.object(user.actingAs(Role.BIDDER), id, objection.objection());
        return Response.created(URI.create("/api/tenders/" + id + "/opening/objections/" + objected.id))
                .entity(OpeningRecordView.Reply.of(objected, null)).build();
    }

    /** The agent answers an objection on the record. */
    @POST
    @Path("objections/{objection}/answer")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.Names.AGENT)
    public OpeningRecordView.Reply answer(@PathParam("id") UUID id, @PathParam("objection") UUID objection,
            @NotNull @Valid Answer answer) {
        return OpeningRecordView.Reply.of(responses.answer(user.actingAs(Role.AGENT), id, objection, answer.answer()),
                null);
    }

    /** The complete record as the platform signed it: PDF/A-3b with {@code opening-record.json} inside. */
    @GET
    @Path("record.pdf")
    @Produces({"application/pdf", MediaType.APPLICATION_JSON})
    public Response recordPdf(@PathParam("id") UUID id) {
        return Response.ok(records.pdf(user.reading(), id), "application/pdf")
                .header("Content-Disposition", "attachment; filename=\"opening-record-" + id + ".pdf\"").build();
    }

    @GET
    @Path("record")
    public OpeningRecordView record(@PathParam("id") UUID id) {
        return OpeningRecordView.of(records.record(user.reading(), id));
    }
}
