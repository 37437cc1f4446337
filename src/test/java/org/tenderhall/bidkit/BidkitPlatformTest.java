package org.tenderhall.bidkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tenderhall.DemoPki;
import org.tenderhall.identity.DemoData;
import org.tenderhall.pki.domain.Pem;
import org.tenderhall.platform.TestClock;
import org.tenderhall.seal.EnvelopeInspector;
import org.tenderhall.tender.Tendering;

/** bidkit fetching a published tender's opening certificate from the running platform. */
@QuarkusTest
class BidkitPlatformTest {

    @TestHTTPResource("/")
    URL platform;

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    /** {@code bidkit seal} of a bid for {@code tenderId} by bidder 1, with {@code options} added. */
    private int seal(String tenderId, String... options) throws Exception {
        Path password = Files.writeString(dir.resolve("password"), "tenderhall-demo\n");
        List<String> args = new ArrayList<>(List.of("seal", "--folder", folder(tenderId).toString(), "--platform",
                platform.toString(), "--out", dir.resolve("sealed").toString(), "--key",
                DemoPki.p12("bidder1").toString(), "--password-file", password.toString()));
        args.addAll(List.of(options));
        return Bidkit.run(TestClock.get(), new PrintWriter(out, true), new PrintWriter(err, true), args.toArray(String[]::new));
    }

    private Path folder(String tenderId) throws Exception {
        Path folder = Files.createDirectories(dir.resolve("bid"));
        Files.writeString(folder.resolve("manifest.json"), "{\"tenderId\":\"" + tenderId + "\",\"lot\":\"1\",\"bidder\":\""
                + DemoData.BIDDER_1.code().value() + "\",\"price\":\"9650000.00\",\"deliveryDays\":\"80\"}");
        Files.writeString(folder.resolve("技术标.txt"), "技术参数逐条响应");
        return folder;
    }

    @Test
    void seal_fetches_the_opening_certificate_of_the_manifest_tender_from_the_platform() throws Exception {
        String tenderId = Tendering.published("goods", Tendering.example("goods"));
        int exit = seal(tenderId, "--platform-ca", DemoPki.DIR.resolve("ca/platform-ca.crt").toString());

        assertThat(exit).as(err.toString()).isZero();
        String pem = io.restassured.RestAssured.given().get("/api/tenders/" + tenderId + "/opening-certificate")
                .then().extract().asString();
        var opening = Pem.certificates(pem.getBytes()).get(0);
        assertThat(out.toString()).contains("Opening key of tender " + tenderId, Pem.sha256(opening));
        var inspection = EnvelopeInspector.inspect(dir.resolve("sealed/bid.cms"),
                Files.readAllBytes(dir.resolve("sealed/bid.cms.p7s")));
        assertThat(inspection.isEncryptedTo(opening)).isTrue();
    }

    @Test
    void seal_refuses_a_tender_the_platform_has_not_published() throws Exception {
        String draft = Tendering.draft("goods", Tendering.example("goods"));
        int exit = seal(draft, "--platform-ca", DemoPki.DIR.resolve("ca/platform-ca.crt").toString());

        assertThat(exit).isEqualTo(Bidkit.USAGE);
        assertThat(err.toString()).contains("no opening certificate for tender " + draft, "HTTP 404");
        assertThat(dir.resolve("sealed/bid.cms")).doesNotExist();
    }

    @Test
    void seal_refuses_an_opening_certificate_not_issued_by_the_platform_ca_given() throws Exception {
        String tenderId = Tendering.published("goods", Tendering.example("goods"));
        int exit = seal(tenderId, "--platform-ca", DemoPki.DIR.resolve("ca/rsa-root.crt").toString());

        assertThat(exit).isEqualTo(Bidkit.USAGE);
        assertThat(err.toString()).contains("not issued by the platform CA");
    }

    @Test
    void seal_from_the_platform_needs_the_platform_ca() throws Exception {
        String tenderId = Tendering.published("goods", Tendering.example("goods"));
        assertThat(seal(tenderId)).isEqualTo(Bidkit.USAGE);
        assertThat(err.toString()).contains("--platform needs --platform-ca");
    }

    @Test
    void seal_fetches_only_over_https_from_another_machine() throws Exception {
        String tenderId = Tendering.published("goods", Tendering.example("goods"));
        Path password = Files.writeString(dir.resolve("password"), "tenderhall-demo\n");
        int exit = Bidkit.run(TestClock.get(), new PrintWriter(out, true), new PrintWriter(err, true), "seal", "--folder",
                folder(tenderId).toString(), "--platform", "http://tenderhall.example.gov.cn", "--platform-ca",
                DemoPki.DIR.resolve("ca/platform-ca.crt").toString(), "--out", dir.resolve("sealed").toString(),
                "--key", DemoPki.p12("bidder1").toString(), "--password-file", password.toString());
        assertThat(exit).isEqualTo(Bidkit.USAGE);
        assertThat(err.toString()).contains("must be an https:// address");
    }
}
