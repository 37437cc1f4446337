package org.tenderhall.opening.api;

import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.UUID;
import org.tenderhall.identity.CurrentUser;
import org.tenderhall.opening.OpeningRecords;
import org.tenderhall.opening.Openings;
import org.tenderhall.opening.store.Opening;

/**
 * The opening of a tender's bids: start it (at the opening time; the scheduler does so anyway), see where it
 * stands, and read the opening record.
 */
@Path("/api/tenders/{id}/opening")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class OpeningResource {

    @Inject
    Openings openings;

    @Inject
    OpeningRecords records;

    @Inject
    CurrentUser user;

    public record OpeningView(UUID tenderId, Opening.State state, int bids, Instant startedAt, Instant recordedAt,
            Instant objectionsUntil, String record) {
        static OpeningView of(Opening o) {
            return new OpeningView(o.tenderId, o.state, o.bids, o.startedAt, o.recordedAt, o.objectionsUntil,
                    "/api/tenders/" + o.tenderId + "/opening/record");
        }
    }

    /** Starts the opening now: refused before the opening time, whoever asks, and recorded. */
    @POST
    public OpeningView start(@PathParam("id") UUID id) {
        return OpeningView.of(records.started(openings.open(user.reading(), id), id));
    }

    @GET
    public OpeningView get(@PathParam("id") UUID id) {
        return OpeningView.of(records.watched(user.reading(), id));
    }

    @GET
    @Path("record")
    public OpeningRecordView record(@PathParam("id") UUID id) {
        return records.record(user.reading(), id);
    }
}
