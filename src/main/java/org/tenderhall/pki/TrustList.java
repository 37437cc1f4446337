package org.tenderhall.pki;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.security.cert.CRLException;
import java.security.cert.CertificateException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.tenderhall.audit.AuditLog;
import org.tenderhall.kernel.Actor;
import org.tenderhall.pki.domain.CertificateCheck;
import org.tenderhall.pki.domain.CertificateRejected;
import org.tenderhall.pki.domain.Pem;
import org.tenderhall.pki.domain.TrustMaterial;
import org.tenderhall.pki.store.Crl;
import org.tenderhall.pki.store.CrlRepository;
import org.tenderhall.pki.store.TrustedCa;
import org.tenderhall.pki.store.TrustedCaRepository;
import org.tenderhall.platform.database.TransactionLock;
import org.tenderhall.platform.problem.ProblemType;
import org.tenderhall.platform.problem.Rejection;

/** The recognised CAs and the CRLs, managed by admins at run time, and the certificate check against them. */
@ApplicationScoped
public class TrustList {

    @Inject
    TrustedCaRepository cas;

    @Inject
    CrlRepository crls;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    @Transactional
    public TrustedCa add(Actor actor, byte[] certificatePem) {
        X509Certificate certificate = singleCertificate(certificatePem);
        if (certificate.getBasicConstraints() < 0) {
            throw new Rejection(PkiProblems.NOT_A_CA, "The certificate of " + certificate.getSubjectX500Principal()
                    + " is not a CA certificate (basicConstraints CA:TRUE)");
        }
        String sha256 = fingerprint(certificate);
        TransactionLock.acquire(cas.getEntityManager(), "trusted-ca:" + sha256);
        if (cas.findBySha256(sha256).isPresent()) {
            throw new Rejection(PkiProblems.CA_EXISTS, "This CA certificate is already on the trust list");
        }
        TrustedCa ca = new TrustedCa();
        ca.subject = certificate.getSubjectX500Principal().getName();
        ca.sha256 = sha256;
        ca.certificate = pem(certificate);
        ca.notAfter = certificate.getNotAfter().toInstant();
        ca.enabled = true;
        ca.addedAt = clock.instant();
        cas.persist(ca);
        audit.record(actor, "TrustedCaAdded", "trusted-ca:" + sha256, Map.of("subject", ca.subject, "sha256", sha256));
        return ca;
    }

    @Transactional
    public TrustedCa setEnabled(Actor actor, long id, boolean enabled) {
        TrustedCa ca = cas.findByIdOptional(id)
                .orElseThrow(() -> new Rejection(ProblemType.NOT_FOUND, "No CA " + id + " on the trust list"));
        if (ca.enabled != enabled) {
            ca.enabled = enabled;
            audit.record(actor, enabled ? "TrustedCaEnabled" : "TrustedCaDisabled", "trusted-ca:" + ca.sha256,
                    Map.of("subject", ca.subject, "sha256", ca.sha256));
        }
        return ca;
    }

    @Transactional
    public List<TrustedCa> list() {
        return cas.listAll(io.quarkus.panache.common.Sort.by("id"));
    }

    /** Keeps the CRL if it is the newest the platform holds from its issuer. */
    @Transactional
    public Crl addCrl(Actor actor, byte[] crlPem) {
        X509CRL crl;
        try {
            crl = Pem.crl(crlPem);
        } catch (CRLException | RuntimeException e) {
            throw new Rejection(PkiProblems.INVALID_CRL, "The upload is not an X.509 CRL in PEM or DER");
        }
        if (crl.getThisUpdate().toInstant().isAfter(clock.instant().plusSeconds(300))) {
            throw new Rejection(PkiProblems.INVALID_CRL, "The CRL says it was issued at " + crl.getThisUpdate().toInstant()
                    + ", in the future: it would hide every later CRL of its issuer");
        }
        if (crl.getExtensionValue("2.5.29.27") != null || crl.getExtensionValue("2.5.29.28") != null) {
            throw new Rejection(PkiProblems.INVALID_CRL, "Delta and partitioned CRLs are not accepted: upload the full CRL");
        }
        String issuer = crl.getIssuerX500Principal().getName();
        TransactionLock.acquire(crls.getEntityManager(), "crl:" + issuer);
        Crl held = crls.findById(issuer);
        Instant thisUpdate = crl.getThisUpdate().toInstant();
        if (held != null && !thisUpdate.isAfter(held.thisUpdate)) {
            throw new Rejection(PkiProblems.OUTDATED_CRL, "The platform holds a CRL of " + issuer + " from "
                    + held.thisUpdate + "; this one is from " + thisUpdate);
        }
        Crl stored = held != null ? held : new Crl();
        stored.issuer = issuer;
        stored.thisUpdate = thisUpdate;
        stored.nextUpdate = crl.getNextUpdate() == null ? null : crl.getNextUpdate().toInstant();
        stored.revokedCount = crl.getRevokedCertificates() == null ? 0 : crl.getRevokedCertificates().size();
        try {
            stored.crl = Pem.pem(crl);
        } catch (CRLException e) {
            throw new Rejection(PkiProblems.INVALID_CRL, "The CRL can not be encoded");
        }
        stored.receivedAt = clock.instant();
        if (held == null) {
            crls.persist(stored);
        }
        audit.record(actor, "CrlReceived", "crl:" + issuer, Map.of("issuer", issuer, "thisUpdate", thisUpdate.toString(),
                "revoked", stored.revokedCount));
        return stored;
    }

    @Transactional
    public List<Crl> listCrls() {
        return crls.listAll(io.quarkus.panache.common.Sort.by("issuer"));
    }

    /** The enabled roots and the CRLs, as the certificate check takes them. */
    @Transactional
    public TrustMaterial material() {
        List<X509Certificate> roots = new ArrayList<>();
        for (TrustedCa ca : cas.enabled()) {
            roots.add(singleCertificate(ca.certificate.getBytes()));
        }
        List<X509CRL> held = new ArrayList<>();
        for (Crl crl : crls.listAll()) {
            try {
                held.add(Pem.crl(crl.crl.getBytes()));
            } catch (CRLException e) {
                throw new IllegalStateException("stored CRL of " + crl.issuer + " is unreadable", e);
            }
        }
        return new TrustMaterial(roots, held);
    }

    /** Checks a certificate against the trust list; a refusal is a problem of its reason's type. */
    public CertificateCheck.Checked check(X509Certificate certificate, Collection<X509Certificate> carried, Instant at,
            String organisationCode, CertificateCheck.Purpose purpose) {
        try {
            return CertificateCheck.check(certificate, carried, material(), at, organisationCode, purpose);
        } catch (CertificateRejected e) {
            throw new Rejection(PkiProblems.of(e.reason()), e.getMessage());
        }
    }

    static X509Certificate singleCertificate(byte[] pem) {
        try {
            List<X509Certificate> certificates = Pem.certificates(pem);
            if (certificates.size() != 1) {
                throw new Rejection(PkiProblems.INVALID_CERTIFICATE, "Send one certificate, not " + certificates.size());
            }
            return certificates.get(0);
        } catch (CertificateException | RuntimeException e) {
            if (e instanceof Rejection rejection) {
                throw rejection;
            }
            throw new Rejection(PkiProblems.INVALID_CERTIFICATE, "Not an X.509 certificate in PEM or DER");
        }
    }

    private static String fingerprint(X509Certificate certificate) {
        try {
            return Pem.sha256(certificate);
        } catch (CertificateException e) {
            throw new Rejection(PkiProblems.INVALID_CERTIFICATE, "The certificate can not be encoded");
        }
    }

    private static String pem(X509Certificate certificate) {
        try {
            return Pem.pem(certificate);
        } catch (CertificateException e) {
            throw new Rejection(PkiProblems.INVALID_CERTIFICATE, "The certificate can not be encoded");
        }
    }
}
