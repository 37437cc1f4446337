package org.tenderhall.identity.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.tenderhall.Api.as;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.tenderhall.Api;
import org.tenderhall.audit.AuditEvent;
import org.tenderhall.audit.AuditLeaf;
import org.tenderhall.audit.AuditLog;

@QuarkusTest
class OrganisationResourceTest {

    @Inject
    AuditLog audit;

    @Test
    void an_admin_registers_an_organisation_and_the_audit_log_records_it() {
        String code = Api.freshCreditCode();
        as("admin").body("{\"code\":\"" + code + "\",\"name\":\"  东海建设 East Sea Construction  \"}")
                .post("/api/organisations")
                .then().statusCode(201)
                .header("Location", endsWith("/api/organisations/" + code))
                .body("code", equalTo(code))
                .body("name", equalTo("东海建设 East Sea Construction"));

        as("supervisor").get("/api/organisations/" + code).then().statusCode(200).body("code", equalTo(code));
        as("supervisor").get("/api/organisations").then().statusCode(200).body("code", hasItem(code));

        List<AuditEvent> trail = audit.forSubject("organisation:" + code);
        assertThat(trail).hasSize(1);
        AuditEvent event = trail.get(0);
        assertThat(event.action).isEqualTo("OrganisationRegistered");
        assertThat(event.actor).isEqualTo("admin");
        assertThat(event.role).isEqualTo("admin");
        assertThat(event.organisation).isEqualTo("91350200T00000018P");
        assertThat(event.requestId).isNotEqualTo("none");
        assertThat(event.data).isEqualTo("{\"code\":\"" + code + "\",\"name\":\"东海建设 East Sea Construction\"}");
        assertThat(event.dataSha256).isEqualTo(AuditLeaf.sha256Hex(event.data));
        assertThat(event.leafHash).isEqualTo(AuditLeaf.leafHash(event.canonical));
    }

    @Test
    void registering_a_code_twice_is_a_409_and_leaves_one_event() {
        String code = Api.freshCreditCode();
        String body = "{\"code\":\"" + code + "\",\"name\":\"Twice Ltd\"}";
        as("admin").body(body).post("/api/organisations").then().statusCode(201);
        as("admin").body(body).post("/api/organisations")
                .then().statusCode(409).body("type", equalTo("https://tenderhall.org/problems/organisation-exists"));
        assertThat(audit.forSubject("organisation:" + code)).hasSize(1);
    }

    @Test
    void concurrent_registrations_of_one_code_give_one_201_and_409s_never_a_500() throws Exception {
        String body = "{\"code\":\"" + Api.freshCreditCode() + "\",\"name\":\"Race Ltd\"}";
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                statuses.add(pool.submit(() -> as("admin").body(body).post("/api/organisations").statusCode()));
            }
            List<Integer> results = new ArrayList<>();
            for (Future<Integer> status : statuses) {
                results.add(status.get());
            }
            assertThat(results).containsOnly(201, 409).containsOnlyOnce(201);
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void an_unregistered_code_is_a_404() {
        as("admin").get("/api/organisations/" + Api.freshCreditCode())
                .then().statusCode(404).body("type", equalTo("https://tenderhall.org/problems/not-found"));
    }

    @Test
    void a_bidder_cannot_list_organisations() {
        as("bidder2").get("/api/organisations").then().statusCode(403);
    }
}
