package org.tenderhall.pki.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tenderhall.DemoPki;
import org.tenderhall.pki.domain.CertificateCheck.Purpose;
import org.tenderhall.seal.Signer;

class CertificateCheckTest {

    private static final String BIDDER1 = "91350200B000000431";
    private static final String BIDDER2 = "91350200B00000051U";
    private static final String BIDDER3 = "91350200B0000006XK";

    private final TrustMaterial bothCas = new TrustMaterial(List.of(DemoPki.ca("rsa-root"), DemoPki.ca("ec-root")),
            List.of(DemoPki.crl("rsa-issuing"), DemoPki.crl("ec-issuing")));
    private final Instant now = Instant.now();

    private static CertificateRejection reasonOf(ThrowingCall call) {
        try {
            call.run();
        } catch (CertificateRejected e) {
            return e.reason();
        }
        throw new AssertionError("accepted");
    }

    interface ThrowingCall {
        void run() throws CertificateRejected;
    }

    private static CertificateCheck.Checked check(String demo, TrustMaterial trust, Instant at, String code,
            Purpose purpose) throws CertificateRejected {
        Signer signer = DemoPki.load(demo);
        return CertificateCheck.check(signer.certificate(), signer.chain(), trust, at, code, purpose);
    }

    @Test
    void a_bidder_certificate_of_a_trusted_ca_bound_to_its_organisation_passes_with_its_path() throws Exception {
        CertificateCheck.Checked checked = check("bidder1", bothCas, now, BIDDER1, Purpose.SIGNING);
        assertThat(checked.root()).isEqualTo(DemoPki.ca("rsa-root"));
        assertThat(checked.path()).extracting(X509Certificate::getSubjectX500Principal)
                .containsExactly(DemoPki.load("bidder1").certificate().getSubjectX500Principal(),
                        DemoPki.ca("rsa-issuing").getSubjectX500Principal());
        assertThat(checked.organisationCode()).isEqualTo(BIDDER1);
    }

    @Test
    void certificates_of_two_independent_cas_are_both_recognised() throws Exception {
        assertThat(check("bidder2", bothCas, now, BIDDER2, Purpose.SIGNING).root()).isEqualTo(DemoPki.ca("ec-root"));
        assertThat(check("bidder2", bothCas, now, BIDDER2, Purpose.ENCRYPTION).root()).isEqualTo(DemoPki.ca("ec-root"));
    }

    @Test
    void a_ca_that_is_not_on_the_trust_list_is_untrusted() {
        TrustMaterial rsaOnly = new TrustMaterial(List.of(DemoPki.ca("rsa-root")), List.of());
        assertThat(reasonOf(() -> check("bidder2", rsaOnly, now, BIDDER2, Purpose.SIGNING)))
                .isEqualTo(CertificateRejection.UNTRUSTED_CA);
    }

    @Test
    void an_empty_trust_list_trusts_nobody() {
        assertThat(reasonOf(() -> check("bidder1", new TrustMaterial(List.of(), List.of()), now, BIDDER1, Purpose.SIGNING)))
                .isEqualTo(CertificateRejection.UNTRUSTED_CA);
    }

    @Test
    void a_certificate_expired_at_the_receipt_time_is_expired_not_untrusted() {
        assertThat(reasonOf(() -> check("bidder3-expired", bothCas, now, BIDDER3, Purpose.SIGNING)))
                .isEqualTo(CertificateRejection.EXPIRED);
    }

    @Test
    void validity_is_judged_at_the_receipt_time_not_today() throws Exception {
        Instant receivedDuring2024 = Instant.parse("2024-06-01T10:00:00Z");
        assertThat(check("bidder3-expired", bothCas, receivedDuring2024, BIDDER3, Purpose.SIGNING).organisationCode())
                .isEqualTo(BIDDER3);
    }

    @Test
    void a_certificate_revoked_by_its_issuers_crl_is_revoked() {
        assertThat(reasonOf(() -> check("bidder1-revoked", bothCas, now, BIDDER1, Purpose.SIGNING)))
                .isEqualTo(CertificateRejection.REVOKED);
    }

    @Test
    void without_the_crl_the_platform_cannot_know_of_the_revocation() throws Exception {
        TrustMaterial noCrls = new TrustMaterial(bothCas.roots(), List.of());
        assertThat(check("bidder1-revoked", noCrls, now, BIDDER1, Purpose.SIGNING).organisationCode()).isEqualTo(BIDDER1);
    }

    @Test
    void a_crl_from_another_ca_revokes_nothing() throws Exception {
        TrustMaterial wrongCrl = new TrustMaterial(bothCas.roots(), List.of(DemoPki.crl("ec-issuing")));
        assertThat(check("bidder1-revoked", wrongCrl, now, BIDDER1, Purpose.SIGNING).organisationCode()).isEqualTo(BIDDER1);
    }

    @Test
    void a_certificate_of_another_organisation_is_the_wrong_organisation() {
        assertThat(reasonOf(() -> check("bidder1", bothCas, now, BIDDER2, Purpose.SIGNING)))
                .isEqualTo(CertificateRejection.WRONG_ORGANISATION);
    }

    @Test
    void a_key_usage_without_signing_cannot_sign_a_bid() {
        TrustMaterial platform = new TrustMaterial(List.of(DemoPki.ca("platform-ca")), List.of());
        // The opening certificate may only receive (keyEncipherment); it names no organisation either, but key
        // usage is checked first.
        assertThat(reasonOf(() -> check("opening-demo", platform, now, BIDDER1, Purpose.SIGNING)))
                .isEqualTo(CertificateRejection.WRONG_KEY_USAGE);
    }

    @Test
    void a_signing_only_certificate_cannot_receive_an_envelope() {
        TrustMaterial platform = new TrustMaterial(List.of(DemoPki.ca("platform-ca")), List.of());
        assertThat(reasonOf(() -> check("document-signing", platform, now, BIDDER1, Purpose.ENCRYPTION)))
                .isEqualTo(CertificateRejection.WRONG_KEY_USAGE);
    }

    @Test
    void the_organisation_code_is_read_from_the_subject_serial_number() {
        assertThat(CertificateCheck.organisationCode(DemoPki.load("bidder4").certificate())).contains("91350200B00000078K");
        assertThat(CertificateCheck.organisationCode(DemoPki.ca("rsa-root"))).isEmpty();
    }

    @Test
    void an_unknown_certificate_chain_is_not_accepted_just_because_it_carries_its_own_root() {
        Signer bidder = DemoPki.load("bidder2");
        List<X509Certificate> carriedWithRoot = List.of(DemoPki.ca("ec-issuing"), DemoPki.ca("ec-root"));
        TrustMaterial rsaOnly = new TrustMaterial(List.of(DemoPki.ca("rsa-root")), List.of());
        assertThatThrownBy(() -> CertificateCheck.check(bidder.certificate(), carriedWithRoot, rsaOnly, now, BIDDER2,
                Purpose.SIGNING)).isInstanceOf(CertificateRejected.class);
    }

    @Test
    void the_signer_of_a_sealed_bid_is_checked_with_the_certificates_its_signature_carries(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        Signer bidder = DemoPki.load("bidder2");
        org.tenderhall.seal.SealedBidFiles sealed;
        try (var in = new java.io.ByteArrayInputStream("package".getBytes())) {
            sealed = org.tenderhall.seal.BidSealer.seal(in, bidder, new org.tenderhall.seal.BidBinding("T-1", "1", BIDDER2),
                    List.of(DemoPki.load("opening-demo").certificate()), org.tenderhall.seal.SealProfile.AES_256_CBC,
                    dir.resolve("bid.cms"), dir.resolve("bid.cms.p7s"));
        }
        var inspection = org.tenderhall.seal.EnvelopeInspector.inspect(sealed.envelope(),
                java.nio.file.Files.readAllBytes(sealed.signature()));

        assertThat(CertificateCheck.check(inspection.signer(), inspection.certificates(), bothCas, now, BIDDER2,
                Purpose.SIGNING).root()).isEqualTo(DemoPki.ca("ec-root"));
        TrustMaterial rsaOnly = new TrustMaterial(List.of(DemoPki.ca("rsa-root")), List.of());
        assertThat(reasonOf(() -> CertificateCheck.check(inspection.signer(), inspection.certificates(), rsaOnly, now,
                BIDDER2, Purpose.SIGNING))).isEqualTo(CertificateRejection.UNTRUSTED_CA);
    }

    @Test
    void an_sm2_certificate_chain_is_checked_by_bouncy_castles_pkix() throws Exception {
        TrustMaterial sm2 = new TrustMaterial(List.of(DemoPki.ca("sm2-root")), List.of(DemoPki.crl("sm2-issuing")));
        CertificateCheck.Checked checked = check("bidder2-sm2", sm2, now, BIDDER2, Purpose.SIGNING);
        assertThat(checked.root()).isEqualTo(DemoPki.ca("sm2-root"));
    }

    @Test
    void the_jdks_own_pkix_cannot_validate_an_sm2_chain_which_is_why_bouncy_castles_is_used() {
        Signer bidder = DemoPki.load("bidder2-sm2");
        assertThatThrownBy(() -> {
            var factory = java.security.cert.CertificateFactory.getInstance("X.509"); // the JDK's
            var path = factory.generateCertPath(List.of(
                    factory.generateCertificate(new java.io.ByteArrayInputStream(bidder.certificate().getEncoded())),
                    factory.generateCertificate(new java.io.ByteArrayInputStream(DemoPki.ca("sm2-issuing").getEncoded()))));
            var root = (X509Certificate) factory.generateCertificate(
                    new java.io.ByteArrayInputStream(DemoPki.ca("sm2-root").getEncoded()));
            var parameters = new java.security.cert.PKIXParameters(java.util.Set.of(new java.security.cert.TrustAnchor(root, null)));
            parameters.setRevocationEnabled(false);
            java.security.cert.CertPathValidator.getInstance("PKIX").validate(path, parameters);
        }).isInstanceOf(java.security.GeneralSecurityException.class);
    }

    @Test
    void a_revocation_before_the_receipt_time_counts_even_in_a_crl_issued_later() throws Exception {
        Signer bidder = DemoPki.load("bidder3-expired"); // valid during 2024
        java.security.PrivateKey issuingKey;
        try (var pem = new org.bouncycastle.openssl.PEMParser(new java.io.FileReader(
                DemoPki.DIR.resolve("ca/rsa-issuing.key").toFile()))) {
            issuingKey = new org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter()
                    .getPrivateKey((org.bouncycastle.asn1.pkcs.PrivateKeyInfo) pem.readObject());
        }
        Instant revoked = Instant.parse("2024-03-01T00:00:00Z");
        var builder = new org.bouncycastle.cert.jcajce.JcaX509v2CRLBuilder(DemoPki.ca("rsa-issuing"), java.util.Date.from(now));
        builder.addCRLEntry(bidder.certificate().getSerialNumber(), java.util.Date.from(revoked),
                org.bouncycastle.asn1.x509.CRLReason.keyCompromise);
        var crl = new org.bouncycastle.cert.jcajce.JcaX509CRLConverter().getCRL(builder.build(
                new org.bouncycastle.operator.jcajce.JcaContentSignerBuilder("SHA256withRSA").build(issuingKey)));
        TrustMaterial trust = new TrustMaterial(List.of(DemoPki.ca("rsa-root")), List.of(crl));

        // The CRL is issued today, long after the receipt: it is still the evidence that counts.
        Instant receivedAfterRevocation = Instant.parse("2024-06-01T00:00:00Z");
        assertThat(reasonOf(() -> check("bidder3-expired", trust, receivedAfterRevocation, BIDDER3, Purpose.SIGNING)))
                .isEqualTo(CertificateRejection.REVOKED);
        Instant receivedBeforeRevocation = Instant.parse("2024-02-01T00:00:00Z");
        assertThat(check("bidder3-expired", trust, receivedBeforeRevocation, BIDDER3, Purpose.SIGNING).organisationCode())
                .isEqualTo(BIDDER3);
    }
}
