package org.tenderhall.tender;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;
import static org.tenderhall.Api.as;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.tenderhall.audit.AuditLog;
import org.tenderhall.platform.TestClock;

@QuarkusTest
class BiddingDeadlinesTest {

    @Inject
    BiddingDeadlines deadlines;

    @Inject
    AuditLog audit;

    @Test
    void bidding_closes_at_the_deadline_and_not_a_second_before() throws Exception {
        Instant deadline = TestClock.now().plus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.SECONDS);
        String id = Tendering.published("goods", Tendering.voluntary("goods", deadline));
        TestClock.get().advanceTo(deadline.minusSeconds(1));
        TestClock.runTimedJobs();
        as("agent").get("/api/tenders/" + id).then().body("status", equalTo("PUBLISHED"));

        TestClock.passTo(deadline);
        String status = as("agent").get("/api/tenders/" + id).then().extract().path("status");
        // With no bids, the opening at the same instant fails the tender at once (流标).
        assertThat(status).isEqualTo("FAILED");
        assertThat(audit.forSubject("tender:" + id)).filteredOn(e -> e.action.equals("BiddingClosed")).hasSize(1)
                .allSatisfy(e -> assertThat(e.actor).isEqualTo("system"));
        as("bidder1").post("/api/tenders/" + id + "/registration").then().statusCode(409);
    }

    @Test
    void several_instances_closing_at_once_close_each_tender_exactly_once() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(Tendering.published("services", Tendering.voluntary("services", TestClock.now().plusSeconds(600))));
        }
        TestClock.get().advanceTo(TestClock.now().plusSeconds(601));
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
