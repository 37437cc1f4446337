package org.tenderhall.tender;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;
import static org.tenderhall.Api.as;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.tenderhall.audit.AuditLog;

@QuarkusTest
class BiddingDeadlinesTest {

    @Inject
    BiddingDeadlines deadlines;

    @Inject
    AuditLog audit;

    @Test
    void the_scheduler_closes_bidding_at_the_deadline() throws Exception {
        String id = Tendering.published("goods", Tendering.voluntary("goods", Instant.now().plusSeconds(3)));
        as("agent").get("/api/tenders/" + id).then().body("status", equalTo("PUBLISHED"));
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String status = "PUBLISHED";
        while (System.nanoTime() < until && status.equals("PUBLISHED")) {
            Thread.sleep(500);
            status = as("agent").get("/api/tenders/" + id).then().extract().path("status");
        }
        // With no bids, the opening at the same instant fails the tender at once (流标): either is past bidding.
        assertThat(status).isIn("BIDDING_CLOSED", "FAILED");
        assertThat(audit.forSubject("tender:" + id)).filteredOn(e -> e.action.equals("BiddingClosed")).hasSize(1)
                .allSatisfy(e -> assertThat(e.actor).isEqualTo("system"));
        as("bidder1").post("/api/tenders/" + id + "/registration").then().statusCode(409);
    }

    @Test
    void several_instances_closing_at_once_close_each_tender_exactly_once() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(Tendering.published("services", Tendering.voluntary("services", Instant.now().plusSeconds(2))));
        }
        Thread.sleep(2_500);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Integer>> runs = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                runs.add(deadlines::closeDue);
            }
            for (Future<Integer> run : pool.invokeAll(runs)) {
                run.get();
            }
        } finally {
            pool.shutdown();
        }
        for (String id : ids) {
            as("agent").get("/api/tenders/" + id).then().body("status", anyOf(equalTo("BIDDING_CLOSED"), equalTo("FAILED")));
            assertThat(audit.forSubject("tender:" + id)).filteredOn(e -> e.action.equals("BiddingClosed")).hasSize(1);
        }
    }

    @Test
    void a_tender_before_its_deadline_stays_open() {
        String id = Tendering.published("goods", Tendering.example("goods"));
        deadlines.closeDue();
        as("agent").get("/api/tenders/" + id).then().body("status", equalTo("PUBLISHED"));
    }
}
