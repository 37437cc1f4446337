package org.tenderhall.tender.api;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.tenderhall.Api.as;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.tenderhall.tender.Tendering;

/** Dates no certificate, timestamp or document of the platform can carry are refused, never a 500. */
@QuarkusTest
class FarFutureDatesTest {

    @Inject
    EntityManager em;

    @Test
    void a_deadline_in_the_year_9999_is_refused_at_the_draft_with_its_field() {
        ObjectNode values = Tendering.example("goods");
        values.put("bidDeadline", "9999-12-31T09:30:00+08:00");
        values.put("openingTime", "9999-12-31T09:30:00+08:00");
        as("agent").body(Tendering.body("goods", values)).post("/api/tenders")
                .then().statusCode(422)
                .body("type", equalTo("https://tenderhall.org/problems/tender-rules-violated"))
                .body("errors.field", hasItem("values.bidDeadline"))
                .body("errors.field", hasItem("values.openingTime"));
    }

    @Test
    void a_planned_completion_in_2100_is_refused_at_the_draft_with_its_field() {
        ObjectNode values = Tendering.example("building-works");
        values.put("plannedCompletion", "2100-01-01");
        as("agent").body(Tendering.body("building-works", values)).post("/api/tenders")
                .then().statusCode(422)
                .body("errors.field", hasItem("values.plannedCompletion"));
    }

    @Test
    void a_draft_holding_a_year_9999_deadline_is_refused_at_publication_not_failed() {
        String id = Tendering.draft("goods", Tendering.example("goods"));
        // A draft saved before the rule existed: its values are what publication checks.
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("update tender set tender_values = "
                + "jsonb_set(jsonb_set(tender_values, '{bidDeadline}', '\"9999-12-31T09:30:00+08:00\"'), "
                + "'{openingTime}', '\"9999-12-31T09:30:00+08:00\"'), bid_deadline = :far, opening_time = :far "
                + "where id = :id").setParameter("far", Instant.parse("9999-12-31T01:30:00Z"))
                .setParameter("id", UUID.fromString(id)).executeUpdate());
        as("agent").post("/api/tenders/" + id + "/publish")
                .then().statusCode(422)
                .body("errors.field", hasItem("values.bidDeadline"));
        as("agent").get("/api/tenders/" + id).then().body("status", equalTo("DRAFT"));
    }
}
