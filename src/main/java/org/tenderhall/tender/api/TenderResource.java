package org.tenderhall.tender.api;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.annotation.security.PermitAll;
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
import jakarta.ws.rs.PUT;
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
import org.tenderhall.kernel.Actor;
import org.tenderhall.kernel.Role;
import org.tenderhall.openingkey.OpeningCertificates;
import org.tenderhall.openingkey.OpeningCertificates.OpeningCertificate;
import org.tenderhall.platform.problem.ProblemType;
import org.tenderhall.platform.problem.Rejection;
import org.tenderhall.template.domain.FieldValues;
import org.tenderhall.tender.Amendments;
import org.tenderhall.tender.Registrations;
import org.tenderhall.tender.Tenders;
import org.tenderhall.tender.domain.TenderStatus;
import org.tenderhall.tender.store.DocumentVersion;
import org.tenderhall.tender.store.Registration;
import org.tenderhall.tender.store.Tender;

/** Tenders: drafts, publication, documents, amendments and registration. One command endpoint per transition. */
@Path("/api/tenders")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TenderResource {


    static final String PDF = "application/pdf";
    static final String PEM = "application/x-pem-file";

    public record NewTender(@NotBlank @Size(max = 60) String template, @NotNull JsonNode values) {
    }

    public record EditTender(@NotNull JsonNode values) {
    }

    /** {@code values} holds only the changed fields; a null removes an optional value. */
    public record NewAmendment(
            @NotBlank @Pattern(regexp = FieldValues.PRINTABLE, message = FieldValues.NOT_PRINTABLE) @Size(max = 4000) String summary,
            boolean affectsBidPreparation,
            JsonNode values) {
    }

    public record Cancellation(
            @NotBlank @Pattern(regexp = FieldValues.PRINTABLE, message = FieldValues.NOT_PRINTABLE) @Size(max = 2000) String reason) {
    }

    public record AmendmentView(int version, String sha256, Instant bidDeadline, Instant openingTime,
            boolean deadlineMoved, String href) {
    }

    public record RegistrationView(UUID tenderId, Instant registeredAt) {
        static RegistrationView of(Registration r) {
            return new RegistrationView(r.tenderId, r.registeredAt);
        }
    }

    @Inject
    Tenders tenders;

    @Inject
    Amendments amendments;

    @Inject
    Registrations registrations;

    @Inject
    OpeningCertificates openingCertificates;

    @Inject
    CurrentUser user;

    @POST
    @RolesAllowed(Role.Names.AGENT)
    public Response draft(@NotNull @Valid NewTender command) {
        Tender tender = tenders.draft(user.actingAs(Role.AGENT), command.template(), command.values());
        return Response.created(URI.create("/api/tenders/" + tender.id)).entity(view(tender)).build();
    }

    /** The agent's own organisation's tenders, newest first. */
    @GET
    @RolesAllowed(Role.Names.AGENT)
    public List<TenderView> mine() {
        return tenders.ownedBy(user.actingAs(Role.AGENT)).stream().map(this::view).toList();
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Role.Names.AGENT, Role.Names.BIDDER, Role.Names.EXPERT, Role.Names.GUARANTOR,
            Role.Names.SUPERVISOR, Role.Names.ADMIN})
    public TenderView get(@PathParam("id") UUID id) {
        return view(tenders.visible(user.reading(), id));
    }

    @PUT
    @Path("{id}")
    @RolesAllowed(Role.Names.AGENT)
    public TenderView edit(@PathParam("id") UUID id, @NotNull @Valid EditTender command) {
        return view(tenders.edit(user.actingAs(Role.AGENT), id, command.values()));
    }

    @POST
    @Consumes(MediaType.WILDCARD) // no body: any content type, or none
    @Path("{id}/publish")
    @RolesAllowed(Role.Names.AGENT)
    public TenderView publish(@PathParam("id") UUID id) {
        return view(tenders.publish(user.actingAs(Role.AGENT), id));
    }

    @POST
    @Path("{id}/cancel")
    @RolesAllowed(Role.Names.AGENT)
    public TenderView cancel(@PathParam("id") UUID id, @NotNull @Valid Cancellation command) {
        return view(tenders.cancel(user.actingAs(Role.AGENT), id, command.reason()));
    }

    @POST
    @Path("{id}/amendments")
    @RolesAllowed(Role.Names.AGENT)
    public Response amend(@PathParam("id") UUID id, @NotNull @Valid NewAmendment command) {
        Amendments.Amended amended = amendments.amend(user.actingAs(Role.AGENT), id, command.summary(),
                command.affectsBidPreparation(), command.values());
        String href = "/api/tenders/" + id + "/documents/" + amended.document().version + ".pdf";
        return Response.created(URI.create(href)).entity(new AmendmentView(amended.document().version,
                amended.document().sha256, amended.tender().bidDeadline, amended.tender().openingTime,
                amended.deadlineMoved(), href)).build();
    }

    /**
     * The latest document: a draft's preview for its own agents, else the newest published version. A bidder who
     * downloads the documents of a published tender is registered for it.
     */
    @GET
    @Path("{id}/document.pdf")
    @Produces({PDF, MediaType.APPLICATION_JSON})
    @RolesAllowed({Role.Names.AGENT, Role.Names.BIDDER, Role.Names.EXPERT, Role.Names.GUARANTOR,
            Role.Names.SUPERVISOR, Role.Names.ADMIN})
    public Response document(@PathParam("id") UUID id) {
        Actor viewer = user.reading();
        Tender tender = tenders.visible(viewer, id);
        if (tender.status() == TenderStatus.DRAFT) {
            return pdf(tenders.preview(tender), "tender-" + id + "-preview.pdf");
        }
        List<DocumentVersion> versions = tenders.versions(id);
        if (versions.isEmpty()) {
            throw new Rejection(ProblemType.NOT_FOUND, "Tender " + id + " was never published: it has no document");
        }
        int latest = versions.get(versions.size() - 1).version();
        return version(id, latest);
    }

    @GET
    @Path("{id}/documents/{version}.pdf")
    @Produces({PDF, MediaType.APPLICATION_JSON})
    @RolesAllowed({Role.Names.AGENT, Role.Names.BIDDER, Role.Names.EXPERT, Role.Names.GUARANTOR,
            Role.Names.SUPERVISOR, Role.Names.ADMIN})
    public Response version(@PathParam("id") UUID id, @PathParam("version") int version) {
        Actor viewer = user.reading();
        Tender tender = tenders.visible(viewer, id);
        byte[] pdf = tenders.pdf(id, version).orElseThrow(() -> new Rejection(ProblemType.NOT_FOUND, "Tender " + id
                + " has no document version " + version));
        if (viewer.role() == Role.BIDDER) {
            registrations.recordDownload(viewer, tender);
        }
        return pdf(pdf, "tender-" + id + "-v" + version + ".pdf");
    }

    /** The certificate bidders encrypt their bids to. Public, like the tender notice. */
    @GET
    @Path("{id}/opening-certificate")
    @Produces({PEM, MediaType.APPLICATION_JSON})
    @PermitAll
    public Response openingCertificate(@PathParam("id") UUID id) {
        OpeningCertificate key = openingCertificates.of(id).orElseThrow(() -> new Rejection(ProblemType.NOT_FOUND,
                "Tender " + id + " has no opening certificate: it does not exist or is not published"));
        return Response.ok(key.pem(), PEM)
                .header("Content-Disposition", "attachment; filename=\"opening-" + id + ".pem\"")
                .header("X-Certificate-SHA256", key.sha256()).build();
    }

    @POST
    @Consumes(MediaType.WILDCARD) // no body: any content type, or none
    @Path("{id}/registration")
    @RolesAllowed(Role.Names.BIDDER)
    public RegistrationView register(@PathParam("id") UUID id) {
        return RegistrationView.of(registrations.register(user.actingAs(Role.BIDDER), id));
    }

    /** The caller's own registration; nobody can list the others. */
    @GET
    @Path("{id}/registration")
    @RolesAllowed(Role.Names.BIDDER)
    public RegistrationView registration(@PathParam("id") UUID id) {
        Actor bidder = user.actingAs(Role.BIDDER);
        tenders.visible(bidder, id);
        return registrations.of(bidder.organisation().value(), id).map(RegistrationView::of)
                .orElseThrow(() -> new Rejection(ProblemType.NOT_FOUND, "Your organisation has not registered for"
                        + " tender " + id));
    }

    private TenderView view(Tender tender) {
        return TenderView.of(tender, tenders.values(tender), tenders.versions(tender.id));
    }

    private static Response pdf(byte[] pdf, String name) {
        return Response.ok(pdf, PDF).header("Content-Disposition", "inline; filename=\"" + name + "\"").build();
    }
}
