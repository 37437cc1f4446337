package org.tenderhall.pki.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.tenderhall.Api.as;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tenderhall.DemoPki;
import org.tenderhall.audit.AuditLog;

@QuarkusTest
class TrustListResourceTest {

    private static final String TYPES = "https://tenderhall.org/problems/";

    @Inject
    AuditLog audit;

    private static String pem(String relative) throws Exception {
        return Files.readString(DemoPki.DIR.resolve(relative));
    }

    private static String chain(String bidder, String issuing) throws Exception {
        return Files.readString(Path.of(DemoPki.certificate(bidder).toString())) + pem("ca/" + issuing + ".crt");
    }

    private static Map<String, Object> check(String certificates, String organisation, String purpose) {
        return Map.of("certificates", certificates, "organisation", organisation, "purpose", purpose);
    }

    @Test
    void the_demo_data_set_recognises_both_demo_cas_and_holds_their_crls() {
        as("supervisor").get("/api/trust/cas").then().statusCode(200)
                .body("subject", hasItems("CN=Tenderhall Demo RSA Root CA,O=Tenderhall Demo PKI,C=CN",
                        "CN=Tenderhall Demo EC Root CA,O=Tenderhall Demo PKI,C=CN"));
        as("supervisor").get("/api/trust/crls").then().statusCode(200)
                .body("issuer", hasItems("CN=Tenderhall Demo RSA Issuing CA,O=Tenderhall Demo PKI,C=CN"));
    }

    @Test
    void a_bidder_checks_its_own_certificate_before_bidding() throws Exception {
        as("bidder2").body(check(chain("bidder2", "ec-issuing"), "91350200B00000051U", "signing"))
                .post("/api/trust/check")
                .then().statusCode(200)
                .body("trusted", equalTo(true))
                .body("organisation", equalTo("91350200B00000051U"))
                .body("root", equalTo("CN=Tenderhall Demo EC Root CA,O=Tenderhall Demo PKI,C=CN"));
    }

    @Test
    void each_certificate_failure_has_its_own_problem_type() throws Exception {
        as("bidder1").body(check(chain("bidder1", "rsa-issuing"), "91350200B00000051U", "signing"))
                .post("/api/trust/check").then().statusCode(422).body("type", equalTo(TYPES + "wrong-organisation"));
        as("bidder1").body(check(chain("bidder1-revoked", "rsa-issuing"), "91350200B000000431", "signing"))
                .post("/api/trust/check").then().statusCode(422).body("type", equalTo(TYPES + "revoked"));
        as("bidder3").body(check(chain("bidder3-expired", "rsa-issuing"), "91350200B0000006XK", "signing"))
                .post("/api/trust/check").then().statusCode(422).body("type", equalTo(TYPES + "expired"));
        as("bidder3").body(check(pem("platform/document-signing.crt"), "91350200B0000006XK", "signing"))
                .post("/api/trust/check").then().statusCode(422).body("type", equalTo(TYPES + "untrusted-ca"));
        as("bidder3").body(check("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n", "91350200B0000006XK",
                "signing")).post("/api/trust/check").then().statusCode(422).body("type", equalTo(TYPES + "invalid-certificate"));
    }

    @Test
    void an_expired_certificate_passes_when_judged_at_a_receipt_time_inside_its_validity() throws Exception {
        Map<String, Object> body = new java.util.HashMap<>(check(chain("bidder3-expired", "rsa-issuing"),
                "91350200B0000006XK", "signing"));
        body.put("at", "2024-06-01T10:00:00Z");
        as("bidder3").body(body).post("/api/trust/check").then().statusCode(200).body("trusted", equalTo(true));
    }

    @Test
    void an_admin_adds_disables_and_enables_a_ca_and_each_change_is_in_the_audit_log() throws Exception {
        String platformCa = pem("ca/platform-ca.crt");
        var existing = as("admin").get("/api/trust/cas").jsonPath().getList("findAll { it.subject.contains('Platform CA') }.id");
        int id = existing.isEmpty()
                ? as("admin").body(Map.of("certificate", platformCa)).post("/api/trust/cas").then().statusCode(201)
                        .extract().path("id")
                : ((Number) existing.get(0)).intValue();
        as("admin").post("/api/trust/cas/" + id + "/enable").then().statusCode(200);
        as("admin").body(Map.of("certificate", platformCa)).post("/api/trust/cas")
                .then().statusCode(409).body("type", equalTo(TYPES + "ca-exists"));

        // The opening certificate chains to the platform CA but may only receive envelopes.
        as("agent").body(check(pem("platform/opening-demo.crt"), "91350200B000000431", "signing"))
                .post("/api/trust/check").then().statusCode(422).body("type", equalTo(TYPES + "wrong-key-usage"));

        as("admin").post("/api/trust/cas/" + id + "/disable").then().statusCode(200).body("enabled", equalTo(false));
        as("agent").body(check(pem("platform/opening-demo.crt"), "91350200B000000431", "signing"))
                .post("/api/trust/check").then().statusCode(422).body("type", equalTo(TYPES + "untrusted-ca"));

        String sha256 = as("admin").get("/api/trust/cas").jsonPath().getString("find { it.id == " + id + " }.sha256");
        assertThat(audit.forSubject("trusted-ca:" + sha256)).extracting(e -> e.action)
                .contains("TrustedCaAdded", "TrustedCaDisabled");
    }

    @Test
    void only_ca_certificates_enter_the_trust_list() throws Exception {
        as("admin").body(Map.of("certificate", Files.readString(DemoPki.certificate("bidder1"))))
                .post("/api/trust/cas").then().statusCode(422).body("type", equalTo(TYPES + "not-a-ca"));
        as("admin").body(Map.of("certificate", "garbage")).post("/api/trust/cas")
                .then().statusCode(422).body("type", equalTo(TYPES + "invalid-certificate"));
    }

    @Test
    void an_older_or_equal_crl_does_not_replace_the_one_held_and_garbage_is_no_crl() throws Exception {
        as("admin").body(Map.of("crl", pem("crl/rsa-issuing.crl"))).post("/api/trust/crls")
                .then().statusCode(409).body("type", equalTo(TYPES + "outdated-crl"));
        as("admin").body(Map.of("crl", "not a crl")).post("/api/trust/crls")
                .then().statusCode(422).body("type", equalTo(TYPES + "invalid-crl"));
    }

    @Test
    void only_an_admin_changes_the_trust_list() throws Exception {
        as("bidder1").body(Map.of("certificate", pem("ca/platform-ca.crt"))).post("/api/trust/cas").then().statusCode(403);
        as("supervisor").post("/api/trust/cas/1/disable").then().statusCode(403);
        as("bidder1").get("/api/trust/cas").then().statusCode(403);
    }
}
