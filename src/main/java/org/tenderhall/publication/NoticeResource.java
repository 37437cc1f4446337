package org.tenderhall.publication;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Public notices, without login: tenders published, amended, clarified. */
@Path("/api/notices")
@Produces(MediaType.APPLICATION_JSON)
@PermitAll
public class NoticeResource {

    /** {@code document} is where a signed-in user downloads the tender's documents. */
    public record NoticeView(long id, Notice.Kind kind, UUID tenderId, String title, Instant publishedAt,
            String tender, String document) {
        public static NoticeView of(Notice n) {
            return new NoticeView(n.id, n.kind, n.tenderId, n.title, n.publishedAt, "/api/tenders/" + n.tenderId,
                    "/api/tenders/" + n.tenderId + "/document.pdf");
        }
    }

    @Inject
    Notices notices;

    /** Newest first; {@code before} (a notice id) pages back. */
    @GET
    public List<NoticeView> list(@QueryParam("before") Long before,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit) {
        return notices.newest(before, limit).stream().map(NoticeView::of).toList();
    }
}
