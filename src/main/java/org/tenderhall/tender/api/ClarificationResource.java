package org.tenderhall.tender.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.tenderhall.identity.CurrentUser;
import org.tenderhall.kernel.Role;
import org.tenderhall.template.domain.FieldValues;
import org.tenderhall.tender.Clarifications;
import org.tenderhall.tender.store.Clarification;

/** Clarification questions and their public answers. No view carries who asked. */
@Path("/api/tenders/{id}/clarifications")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ClarificationResource {

    public record Question(
            @NotBlank @Pattern(regexp = FieldValues.PRINTABLE, message = FieldValues.NOT_PRINTABLE)
            @Size(max = 4000) String question) {
    }

    public record Answer(
            @NotBlank @Pattern(regexp = FieldValues.PRINTABLE, message = FieldValues.NOT_PRINTABLE)
            @Size(max = 8000) String answer) {
    }

    public record ClarificationView(UUID id, String question, Instant askedAt, String answer, Instant answeredAt) {
        static ClarificationView of(Clarification c) {
            return new ClarificationView(c.id, c.question, c.askedAt, c.answer, c.answeredAt);
        }
    }

    @Inject
    Clarifications clarifications;

    @Inject
    CurrentUser user;

    @POST
    @RolesAllowed(Role.Names.BIDDER)
    public Response ask(@PathParam("id") UUID tenderId, @NotNull @Valid Question question) {
        Clarification asked = clarifications.ask(user.actingAs(Role.BIDDER), tenderId, question.question());
        return Response.created(URI.create("/api/tenders/" + tenderId + "/clarifications/" + asked.id))
                .entity(ClarificationView.of(asked)).build();
    }

    @POST
    @Path("{clarification}/answer")
    @RolesAllowed(Role.Names.AGENT)
    public ClarificationView answer(@PathParam("id") UUID tenderId, @PathParam("clarification") UUID clarificationId,
            @NotNull @Valid Answer answer) {
        return ClarificationView.of(clarifications.answer(user.actingAs(Role.AGENT), tenderId, clarificationId,
                answer.answer()));
    }

    /** The answered questions; the tender's own agents also see the open ones. */
    @GET
    @RolesAllowed({Role.Names.AGENT, Role.Names.BIDDER, Role.Names.EXPERT, Role.Names.GUARANTOR,
            Role.Names.SUPERVISOR, Role.Names.ADMIN})
    public List<ClarificationView> list(@PathParam("id") UUID tenderId) {
        return clarifications.of(user.reading(), tenderId).stream().map(ClarificationView::of).toList();
    }
}
