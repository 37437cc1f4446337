package org.tenderhall.platform.problem;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.tenderhall.Api.as;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A request refused for its URL says so in a problem: which parameter and why, or that the URL is too long. */
@QuarkusTest
class RequestLineProblemsTest {

    @Test
    void a_query_parameter_that_is_not_a_number_of_its_range_is_a_bad_request_naming_it() {
        given().get("/api/notices?limit=1000000000000")
                .then().statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo("https://tenderhall.org/problems/invalid-parameter"))
                .body("errors.field", equalTo(List.of("limit")))
                .body("errors[0].message", containsString("whole number"));
        given().get("/api/notices?before=yesterday")
                .then().statusCode(400)
                .body("errors.field", equalTo(List.of("before")));
    }

    @Test
    void a_path_parameter_that_is_not_an_id_is_a_bad_request_naming_it() {
        as("agent").get("/api/tenders/not-a-tender")
                .then().statusCode(400)
                .body("type", equalTo("https://tenderhall.org/problems/invalid-parameter"))
                .body("errors.field", equalTo(List.of("id")))
                .body("errors[0].message", containsString("UUID"));
        as("agent").get("/api/tenders/" + UUID.randomUUID() + "/documents/first.pdf")
                .then().statusCode(400)
                .body("errors.field", equalTo(List.of("version")));
    }

    @Test
    void a_tender_that_does_not_exist_is_still_not_found() {
        as("agent").get("/api/tenders/" + UUID.randomUUID()).then().statusCode(404)
                .body("type", equalTo("https://tenderhall.org/problems/not-found"));
        given().get("/api/no-such-thing/x").then().statusCode(404)
                .body("type", equalTo("https://tenderhall.org/problems/not-found"));
    }

    @Test
    void an_over_long_url_is_refused_with_a_problem() {
        given().get("/api/notices?q=" + "a".repeat(5_000))
                .then().statusCode(414)
                .contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo("https://tenderhall.org/problems/uri-too-long"))
                .body("detail", containsString("4096"));
    }
}
