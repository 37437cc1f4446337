package org.tenderhall.platform.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.tenderhall.Api.as;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.tenderhall.Api;

/** Every kind of bad request gets an RFC 9457 problem with its own type, and never a stack trace. */
@QuarkusTest
class ProblemResponsesTest {

    private static final String PROBLEM = "application/problem+json";
    private static final String TYPES = "https://tenderhall.org/problems/";

    @Test
    void every_problem_a_test_receives_is_scanned_for_java_class_names() {
        assertThat(RestAssured.filters()).hasAtLeastOneElementOfType(LibraryTextInProblems.class);
    }

    @Test
    void malformed_json_is_a_400_malformed_json_problem() {
        as("admin").body("{\"code\": \"91350200B000000431\",").post("/api/organisations")
                .then().statusCode(400).contentType(PROBLEM)
                .body("type", equalTo(TYPES + "malformed-json"))
                .body("title", equalTo("Malformed JSON"))
                .body("status", equalTo(400))
                .body("instance", equalTo("/api/organisations"))
                .body("detail", not(containsString("at com.")));
    }

    @Test
    void an_unknown_field_is_a_400_naming_the_field() {
        as("admin").body("{\"code\":\"" + Api.freshCreditCode() + "\",\"name\":\"X\",\"colour\":\"red\"}")
                .post("/api/organisations")
                .then().statusCode(400).contentType(PROBLEM)
                .body("type", equalTo(TYPES + "unknown-field"))
                .body("errors[0].field", equalTo("colour"));
    }

    @Test
    void a_wrong_type_is_a_400_naming_the_field_and_is_not_coerced() {
        as("admin").body("{\"code\":914403001922038216,\"name\":\"X\"}").post("/api/organisations")
                .then().statusCode(400).contentType(PROBLEM)
                .body("type", equalTo(TYPES + "invalid-body"))
                .body("errors[0].field", equalTo("code"));
    }

    @Test
    void a_missing_body_is_a_422_validation_problem() {
        as("admin").post("/api/organisations")
                .then().statusCode(422).contentType(PROBLEM)
                .body("type", equalTo(TYPES + "validation-failed"));
    }

    @Test
    void a_bad_credit_code_is_a_422_with_the_field_path_and_the_expected_check_character() {
        String bad = Api.withWrongCheckCharacter(Api.freshCreditCode());
        as("admin").body("{\"code\":\"" + bad + "\",\"name\":\"\"}").post("/api/organisations")
                .then().statusCode(422).contentType(PROBLEM)
                .body("type", equalTo(TYPES + "validation-failed"))
                .body("errors.field", hasItem("code"))
                .body("errors.field", hasItem("name"))
                .body("errors.find { it.field == 'code' }.message", containsString("expected '"));
    }

    @Test
    void a_bad_credit_code_in_the_path_is_a_422_too() {
        as("admin").get("/api/organisations/NOT-A-CODE")
                .then().statusCode(422).contentType(PROBLEM)
                .body("errors[0].field", equalTo("code"));
    }

    @Test
    void no_credentials_is_a_401_with_a_basic_challenge() {
        given().get("/api/me")
                .then().statusCode(401).contentType(PROBLEM)
                .header("WWW-Authenticate", containsString("Basic"))
                .body("type", equalTo(TYPES + "unauthenticated"));
    }

    @Test
    void a_wrong_password_is_a_401() {
        given().auth().preemptive().basic("admin", "not-the-password").get("/api/me")
                .then().statusCode(401).contentType(PROBLEM)
                .body("type", equalTo(TYPES + "unauthenticated"));
    }

    @Test
    void a_browser_page_gets_no_basic_challenge_that_would_pop_up_a_dialog() {
        given().header("X-Requested-With", "fetch").get("/api/me")
                .then().statusCode(401).header("WWW-Authenticate", nullValue());
    }

    @Test
    void the_wrong_role_is_a_403() {
        as("bidder1").body("{\"code\":\"" + Api.freshCreditCode() + "\",\"name\":\"X\"}").post("/api/organisations")
                .then().statusCode(403).contentType(PROBLEM)
                .body("type", equalTo(TYPES + "forbidden"));
    }

    @Test
    void an_unknown_path_is_a_404_problem() {
        as("admin").get("/api/no-such-thing")
                .then().statusCode(404).contentType(PROBLEM)
                .body("type", equalTo(TYPES + "not-found"));
    }

    @Test
    void a_wrong_method_is_a_405_problem() {
        as("admin").delete("/api/organisations")
                .then().statusCode(405).contentType(PROBLEM)
                .body("type", equalTo(TYPES + "method-not-allowed"));
    }

    @Test
    void a_wrong_content_type_is_a_415_problem() {
        as("admin").contentType(ContentType.TEXT).body("code=1").post("/api/organisations")
                .then().statusCode(415).contentType(PROBLEM)
                .body("type", equalTo(TYPES + "unsupported-media-type"));
    }

    @Test
    void an_oversized_body_is_a_413_problem() {
        String huge = "{\"code\":\"" + Api.freshCreditCode() + "\",\"name\":\"" + "x".repeat(1_100_000) + "\"}";
        as("admin").body(huge).post("/api/organisations")
                .then().statusCode(413).contentType(PROBLEM)
                .body("type", equalTo(TYPES + "payload-too-large"));
    }

    @Test
    void an_oversized_chunked_body_without_a_length_is_a_413_problem() throws Exception {
        // Past the command limit by less than the connection's buffers hold, so that the client finishes sending
        // and reads the answer that comes before the rest of the body is read.
        byte[] huge = ("{\"code\":\"" + Api.freshCreditCode() + "\",\"name\":\"" + "x".repeat(1_100_000) + "\"}")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                io.restassured.RestAssured.baseURI + ":" + io.restassured.RestAssured.port + "/api/organisations"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                        ("admin:" + org.tenderhall.identity.DemoData.PASSWORD).getBytes()))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(huge)))
                .build();
        var response = java.net.http.HttpClient.newHttpClient().send(request,
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(PROBLEM);
        assertThat(response.body()).contains(TYPES + "payload-too-large");
    }

    @Test
    void every_problem_carries_the_request_id_of_its_response() {
        var response = given().get("/api/me");
        response.then().header("X-Request-Id", matchesPattern("[0-9a-f-]{36}"))
                .body("requestId", equalTo(response.header("X-Request-Id")));
    }
}
