package org.tenderhall.pki.api;

import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.tenderhall.identity.domain.ValidCreditCode;
import org.tenderhall.pki.TrustList;
import org.tenderhall.pki.domain.CertificateCheck;
import org.tenderhall.pki.domain.Pem;
import org.tenderhall.pki.PkiProblems;
import org.tenderhall.platform.problem.Rejection;

/**
 * Checks a certificate as the platform will when a bid arrives, so that a bidder can find out before the
 * deadline: trusted CA, validity, revocation, key usage, organisation.
 */
@Path("/api/trust/check")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CertificateCheckResource {

    /**
     * @param certificates PEM: the certificate first, then any intermediate CA certificates
     * @param at           the moment to judge validity and revocation at; now when absent
     */
    public record CheckCertificate(
            @NotBlank @Size(max = 100_000) String certificates,
            @NotNull @ValidCreditCode String organisation,
            @NotNull @Pattern(regexp = "signing|encryption") String purpose,
            Instant at) {
    }

    public record CheckedView(boolean trusted, String subject, String organisation, String root, List<String> path,
            Instant at) {
    }

    @Inject
    TrustList trustList;

    @Inject
    Clock clock;

    @POST
    @Authenticated
    public CheckedView check(@NotNull @Valid CheckCertificate command) {
        List<X509Certificate> certificates;
        try {
            certificates = Pem.certificates(command.certificates().getBytes(StandardCharsets.US_ASCII));
        } catch (CertificateException | RuntimeException e) {
            throw new Rejection(PkiProblems.INVALID_CERTIFICATE, "Not X.509 certificates in PEM");
        }
        Instant at = command.at() == null ? clock.instant() : command.at();
        CertificateCheck.Purpose purpose = CertificateCheck.Purpose.valueOf(command.purpose().toUpperCase());
        CertificateCheck.Checked checked = trustList.check(certificates.get(0), certificates, at, command.organisation(),
                purpose);
        return new CheckedView(true, checked.certificate().getSubjectX500Principal().getName(), checked.organisationCode(),
                checked.root().getSubjectX500Principal().getName(),
                checked.path().stream().map(c -> c.getSubjectX500Principal().getName()).toList(), at);
    }
}
