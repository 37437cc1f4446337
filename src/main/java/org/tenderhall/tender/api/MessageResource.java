package org.tenderhall.tender.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.tenderhall.identity.CurrentUser;
import org.tenderhall.kernel.Role;
import org.tenderhall.publication.NoticeResource.NoticeView;
import org.tenderhall.publication.Notices;
import org.tenderhall.tender.Registrations;

/**
 * A bidder's in-platform messages: the notices (amendments, answered clarifications) of the tenders its
 * organisation registered for. Computed when read, so that issuing an amendment takes the same time however many
 * bidders registered.
 */
@Path("/api/messages")
@Produces(MediaType.APPLICATION_JSON)
public class MessageResource {

    @Inject
    Registrations registrations;

    @Inject
    Notices notices;

    @Inject
    CurrentUser user;

    @GET
    @RolesAllowed(Role.Names.BIDDER)
    public List<NoticeView> messages() {
        String organisation = user.actingAs(Role.BIDDER).organisation().value();
        return notices.about(registrations.tendersOf(organisation), 200).stream().map(NoticeView::of).toList();
    }
}
