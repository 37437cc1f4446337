package org.tenderhall.tender;

import static io.restassured.RestAssured.given;
import static org.tenderhall.Api.as;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import org.tenderhall.identity.DemoData;
import org.tenderhall.platform.TestClock;

/** Helpers for tests that draft and publish tenders through the HTTP API as the demo agent. */
public final class Tendering {

    public static final String[] FAMILIES = {"building-works", "municipal-works", "transport-works", "water-works",
        "goods", "services", "supervision-design"};

    private static final ObjectMapper JSON = new ObjectMapper();

    private Tendering() {
    }

    /** The template's own example values with the deadline and opening at {@code deadline}. */
    public static ObjectNode example(String template, Instant deadline) {
        try {
            ObjectNode example = (ObjectNode) JSON.readTree(given().get("/api/templates/" + template).then()
                    .statusCode(200).extract().body().jsonPath().prettify()).get("example");
            String at = beijing(deadline);
            example.put("bidDeadline", at);
            example.put("openingTime", at);
            return example;
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static ObjectNode example(String template) {
        return example(template, TestClock.now().plus(Duration.ofDays(25)));
    }

    /** A tender that need not be tendered by law, so its deadline may be close. */
    public static ObjectNode voluntary(String template, Instant deadline) {
        ObjectNode values = example(template, deadline);
        values.put("mandatoryTendering", "否");
        return values;
    }

    public static String beijing(Instant instant) {
        return OffsetDateTime.ofInstant(instant.truncatedTo(ChronoUnit.SECONDS), ZoneId.of("Asia/Shanghai")).toString();
    }

    public static String body(String template, ObjectNode values) {
        ObjectNode body = JSON.createObjectNode();
        body.put("template", template);
        body.set("values", values);
        return body.toString();
    }

    /** A draft by the demo agent; returns its id. */
    public static String draft(String template, ObjectNode values) {
        return as("agent").body(body(template, values)).post("/api/tenders").then().statusCode(201)
                .extract().path("id");
    }

    /** A published tender by the demo agent; returns its id. Publishing takes no body, and no content type. */
    public static String published(String template, ObjectNode values) {
        String id = draft(template, values);
        given().auth().preemptive().basic("agent", DemoData.PASSWORD).post("/api/tenders/" + id + "/publish")
                .then().statusCode(200);
        return id;
    }
}
