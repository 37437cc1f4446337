package org.tenderhall.timestamp;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tenderhall.DemoPki;
import org.tenderhall.identity.DemoData;

/** The platform TSA over HTTP, driven and checked by openssl ts as an independent implementation. */
@QuarkusTest
class TimestampResourceTest {

    @TempDir
    Path dir;

    private String openssl(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("openssl", "ts"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(output).isZero();
        return output;
    }

    private byte[] post(byte[] query) {
        return given().auth().preemptive().basic("bidder1", DemoData.PASSWORD)
                .contentType(TimestampResource.QUERY).body(query)
                .post("/api/timestamp")
                .then().statusCode(200).contentType(TimestampResource.REPLY)
                .extract().asByteArray();
    }

    @Test
    void an_openssl_request_gets_a_token_that_openssl_verifies_and_serials_never_repeat() throws Exception {
        Path data = Files.writeString(dir.resolve("bid.cms"), "an envelope's bytes");
        openssl("-query", "-data", data.toString(), "-sha256", "-cert", "-out", "request.tsq");

        Files.write(dir.resolve("first.tsr"), post(Files.readAllBytes(dir.resolve("request.tsq"))));
        Files.write(dir.resolve("second.tsr"), post(Files.readAllBytes(dir.resolve("request.tsq"))));

        String platformCa = DemoPki.DIR.resolve("ca/platform-ca.crt").toAbsolutePath().toString();
        assertThat(openssl("-verify", "-data", data.toString(), "-in", "first.tsr", "-CAfile", platformCa))
                .contains("Verification: OK");
        String first = openssl("-reply", "-in", "first.tsr", "-text");
        String second = openssl("-reply", "-in", "second.tsr", "-text");
        assertThat(first).contains("Status: Granted", "Hash Algorithm: sha256");
        assertThat(serial(first)).isNotEqualTo(serial(second));
    }

    @Test
    void serial_numbers_are_random_and_at_least_64_bits_so_two_replies_do_not_count_the_tokens_between() throws Exception {
        Path data = Files.writeString(dir.resolve("data.txt"), "data");
        openssl("-query", "-data", data.toString(), "-sha256", "-out", "request.tsq");
        byte[] query = Files.readAllBytes(dir.resolve("request.tsq"));
        Files.write(dir.resolve("first.tsr"), post(query));
        Files.write(dir.resolve("second.tsr"), post(query));

        BigInteger first = serialNumber(openssl("-reply", "-in", "first.tsr", "-text"));
        BigInteger second = serialNumber(openssl("-reply", "-in", "second.tsr", "-text"));
        assertThat(first.signum()).isPositive();
        assertThat(first.bitLength()).isGreaterThanOrEqualTo(64);
        assertThat(second.bitLength()).isGreaterThanOrEqualTo(64);
        assertThat(second.subtract(first).abs()).isGreaterThan(BigInteger.valueOf(1L << 32));
    }

    @Test
    void a_request_with_a_digest_the_tsa_does_not_accept_gets_a_rejection() throws Exception {
        Path data = Files.writeString(dir.resolve("data.txt"), "data");
        openssl("-query", "-data", data.toString(), "-sha1", "-out", "sha1.tsq");
        Files.write(dir.resolve("sha1.tsr"), post(Files.readAllBytes(dir.resolve("sha1.tsq"))));
        assertThat(openssl("-reply", "-in", "sha1.tsr", "-text")).contains("Status: Rejected");
    }

    @Test
    void a_request_for_another_policy_gets_a_rejection() throws Exception {
        Path data = Files.writeString(dir.resolve("data.txt"), "data");
        openssl("-query", "-data", data.toString(), "-sha256", "-tspolicy", "1.2.3.4", "-out", "policy.tsq");
        Files.write(dir.resolve("policy.tsr"), post(Files.readAllBytes(dir.resolve("policy.tsq"))));
        assertThat(openssl("-reply", "-in", "policy.tsr", "-text")).contains("Status: Rejected");
    }

    @Test
    void a_body_that_is_not_a_request_is_a_problem() {
        given().auth().preemptive().basic("bidder1", DemoData.PASSWORD)
                .contentType(TimestampResource.QUERY).body("not DER".getBytes())
                .post("/api/timestamp")
                .then().statusCode(400)
                .body("type", equalTo("https://tenderhall.org/problems/malformed-timestamp-request"));
    }

    @Test
    void only_signed_in_users_get_timestamps() {
        given().contentType(TimestampResource.QUERY).body(new byte[] {0x30, 0x00}).post("/api/timestamp")
                .then().statusCode(401);
    }

    /** The serial number openssl prints: {@code Serial number: 0x8F3A...}. */
    private static BigInteger serialNumber(String replyText) {
        String hex = serial(replyText).substring("Serial number:".length()).trim();
        return new BigInteger(hex.startsWith("0x") ? hex.substring(2) : hex, 16);
    }

    private static String serial(String replyText) {
        return replyText.lines().filter(l -> l.startsWith("Serial number:")).findFirst().orElseThrow();
    }
}
