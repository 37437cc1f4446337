package org.tenderhall.pki.domain;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertStore;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.PKIXCertPathBuilderResult;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;

/**
 * Whether a certificate may sign (or receive) a bid for an organisation at a given time. The checks, in order,
 * each with its own {@link CertificateRejection}:
 * <ol>
 * <li>a certificate path to an enabled root of the trust list, built from the certificates the signature carries
 * (established at a moment inside the certificate's own validity, so that an expired certificate is reported as
 * expired, not as untrusted);</li>
 * <li>every certificate of the path valid at {@code at}: the platform's receipt time, never a time the signer
 * claims;</li>
 * <li>none of them revoked at {@code at} by a CRL of its issuer that the platform holds;</li>
 * <li>the key usage the purpose needs;</li>
 * <li>the organisation credit code in the certificate subject ({@code serialNumber}, else {@code OU}) equal to
 * the organisation that uses it.</li>
 * </ol>
 * Bouncy Castle's PKIX builds the path: unlike the JDK's, it also handles SM2 chains.
 */
public final class CertificateCheck {

    /** What the key is used for. */
    public enum Purpose {
        /** Signing a bid or an envelope: digitalSignature or nonRepudiation. */
        SIGNING,
        /** Being a recipient of an envelope: keyEncipherment (RSA) or keyAgreement (EC). */
        ENCRYPTION
    }

    /** A certificate that passed, with its path from the certificate up to (not including) the root. */
    public record Checked(X509Certificate certificate, List<X509Certificate> path, X509Certificate root,
            String organisationCode) {
    }

    private static final java.security.Provider BC = Pem.BC;

    private CertificateCheck() {
    }

    public static Checked check(X509Certificate certificate, Collection<X509Certificate> carried, TrustMaterial trust,
            Instant at, String organisationCode, Purpose purpose) throws CertificateRejected {
        PKIXCertPathBuilderResult path = buildPath(certificate, carried, trust);
        List<X509Certificate> chain = new ArrayList<>();
        path.getCertPath().getCertificates().forEach(c -> chain.add((X509Certificate) c));
        X509Certificate root = path.getTrustAnchor().getTrustedCert();

        for (X509Certificate link : chain) {
            checkValidity(link, at);
        }
        checkValidity(root, at);
        for (int i = 0; i < chain.size(); i++) {
            PublicKey issuerKey = i + 1 < chain.size() ? chain.get(i + 1).getPublicKey() : root.getPublicKey();
            checkNotRevoked(chain.get(i), issuerKey, trust.crls(), at);
        }
        checkKeyUsage(certificate, purpose);
        String code = organisationCode(certificate).orElseThrow(() -> new CertificateRejected(
                CertificateRejection.WRONG_ORGANISATION, "The certificate names no organisation credit code"));
        if (!code.equals(organisationCode)) {
            throw new CertificateRejected(CertificateRejection.WRONG_ORGANISATION, "The certificate belongs to "
                    + code + ", not to " + organisationCode);
        }
        return new Checked(certificate, List.copyOf(chain), root, code);
    }

    /** The credit code a certificate carries: its subject's serialNumber, else its OU. */
    public static Optional<String> organisationCode(X509Certificate certificate) {
        X500Name subject = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
        for (var attribute : List.of(BCStyle.SERIALNUMBER, BCStyle.OU)) {
            for (RDN rdn : subject.getRDNs(attribute)) {
                for (var typeAndValue : rdn.getTypesAndValues()) { // an RDN may hold several attributes
                    if (typeAndValue.getType().equals(attribute)) {
                        return Optional.of(IETFUtils.valueToString(typeAndValue.getValue()));
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static PKIXCertPathBuilderResult buildPath(X509Certificate certificate, Collection<X509Certificate> carried,
            TrustMaterial trust) throws CertificateRejected {
        if (trust.roots().isEmpty()) {
            throw new CertificateRejected(CertificateRejection.UNTRUSTED_CA, "The trust list has no enabled CA");
        }
        try {
            Set<TrustAnchor> anchors = new HashSet<>();
            for (X509Certificate root : trust.roots()) {
                anchors.add(new TrustAnchor(root, null));
            }
            X509CertSelector target = new X509CertSelector();
            target.setCertificate(certificate);
            PKIXBuilderParameters parameters = new PKIXBuilderParameters(anchors, target);
            List<X509Certificate> pool = new ArrayList<>(carried);
            pool.add(certificate);
            parameters.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(pool), BC));
            parameters.setRevocationEnabled(false); // revocation is checked below, at the receipt time
            parameters.setDate(Date.from(certificate.getNotBefore().toInstant().plusSeconds(1)));
            return (PKIXCertPathBuilderResult) CertPathBuilder.getInstance("PKIX", BC).build(parameters);
        } catch (GeneralSecurityException e) {
            throw new CertificateRejected(CertificateRejection.UNTRUSTED_CA, "No path from "
                    + certificate.getIssuerX500Principal().getName() + " to a CA of the trust list");
        }
    }

    private static void checkValidity(X509Certificate certificate, Instant at) throws CertificateRejected {
        try {
            certificate.checkValidity(Date.from(at));
        } catch (CertificateExpiredException | CertificateNotYetValidException e) {
            throw new CertificateRejected(CertificateRejection.EXPIRED, "The certificate of "
                    + certificate.getSubjectX500Principal().getName() + " is valid from " + certificate.getNotBefore()
                    .toInstant() + " to " + certificate.getNotAfter().toInstant() + ", not at " + at);
        }
    }

    private static void checkNotRevoked(X509Certificate certificate, PublicKey issuerKey, List<X509CRL> crls, Instant at)
            throws CertificateRejected {
        for (X509CRL crl : crls) {
            // A CRL issued after `at` still says whether the certificate was revoked by then: the date decides.
            if (!crl.getIssuerX500Principal().equals(certificate.getIssuerX500Principal()) || !signedBy(crl, issuerKey)) {
                continue;
            }
            X509CRLEntry entry = crl.getRevokedCertificate(certificate);
            if (entry != null && !entry.getRevocationDate().toInstant().isAfter(at)) {
                throw new CertificateRejected(CertificateRejection.REVOKED, "The certificate "
                        + certificate.getSerialNumber().toString(16) + " was revoked on "
                        + entry.getRevocationDate().toInstant()
                        + (entry.getRevocationReason() == null ? "" : " (" + entry.getRevocationReason() + ")"));
            }
        }
    }

    private static boolean signedBy(X509CRL crl, PublicKey issuerKey) {
        try {
            crl.verify(issuerKey, BC);
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static void checkKeyUsage(X509Certificate certificate, Purpose purpose) throws CertificateRejected {
        boolean[] usage = certificate.getKeyUsage();
        boolean allowed = usage != null && switch (purpose) {
            case SIGNING -> usage[0] || usage[1];
            case ENCRYPTION -> usage[2] || usage[4];
        };
        if (!allowed) {
            throw new CertificateRejected(CertificateRejection.WRONG_KEY_USAGE, "The certificate's key usage does not"
                    + " allow " + purpose.name().toLowerCase() + " bids");
        }
    }
}
