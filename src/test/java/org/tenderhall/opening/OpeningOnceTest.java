package org.tenderhall.opening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.tenderhall.Api.as;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.tenderhall.audit.AuditLog;
import org.tenderhall.bid.SealedBids;
import org.tenderhall.platform.TestClock;

/**
 * The opening happens once: several runs at once start it once and write each line once, a lease held by a
 * dead instance only delays it, and a run that resumes opens nothing that already has its line. The schedulers
 * are off in tests; this one runs the job's steps itself.
 */
@QuarkusTest
class OpeningOnceTest {

    @Inject
    OpeningStarts starts;

    @Inject
    OpeningProceedings proceedings;

    @Inject
    OpeningLines lines;

    @Inject
    AuditLog audit;

    @Inject
    EntityManager em;

    private String tenderWithThreeBidsPastItsDeadline() throws InterruptedException {
        Instant deadline = ScheduledOpeningTest.soon();
        String tender = ScheduledOpeningTest.tender(deadline, "bidder1", "bidder2", "bidder3");
        for (String bidder : new String[] {"bidder1", "bidder2", "bidder3"}) {
            SealedBids.submit(bidder, tender, ScheduledOpeningTest.sealed(bidder, tender, "9650000.00")).statusCode(201);
        }
        TestClock.get().advanceTo(deadline.plusSeconds(1)); // the jobs run only when the test calls them
        return tender;
    }

    private long count(String tender, String action) {
        return audit.forSubject("tender:" + tender).stream().filter(e -> e.action.equals(action)).count();
    }

    private static <T> List<T> atOnce(int runs, Callable<T> run) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(runs);
        try {
            List<T> results = new ArrayList<>();
            for (Future<T> result : pool.invokeAll(java.util.Collections.nCopies(runs, run))) {
                results.add(result.get());
            }
            return results;
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void several_runs_at_once_start_the_opening_once_and_write_each_line_once() throws Exception {
        String tender = tenderWithThreeBidsPastItsDeadline();
        atOnce(4, starts::startDue);
        assertThat(count(tender, "OpeningStarted")).isEqualTo(1);
        assertThat(count(tender, "BiddingClosed")).isEqualTo(1);

        atOnce(4, proceedings::proceed);
        as("agent").get("/api/tenders/" + tender + "/opening").then().body("state", equalTo("RECORDED"));
        assertThat(count(tender, "BidOpened")).isEqualTo(3);
        assertThat(count(tender, "OpeningRecorded")).isEqualTo(1);
        assertThat(lines.of(UUID.fromString(tender))).hasSize(3);
    }

    @Test
    void a_lease_held_by_a_dead_instance_delays_the_opening_until_it_runs_out() throws Exception {
        String tender = tenderWithThreeBidsPastItsDeadline();
        starts.startDue();
        setLease(tender, UUID.randomUUID(), TestClock.now().plusSeconds(3600)); // an instance that died holding it
        proceedings.proceed();
        assertThat(count(tender, "BidOpened")).isZero();
        as("agent").get("/api/tenders/" + tender + "/opening").then().body("state", equalTo("DECRYPTING"));

        setLease(tender, UUID.randomUUID(), TestClock.now().minusSeconds(1)); // its lease has run out
        proceedings.proceed();
        as("agent").get("/api/tenders/" + tender + "/opening").then().body("state", equalTo("RECORDED"));
        assertThat(count(tender, "BidOpened")).isEqualTo(3);
    }

    @Test
    void a_run_that_resumes_after_a_crash_opens_nothing_that_has_its_line() throws Exception {
        String tender = tenderWithThreeBidsPastItsDeadline();
        starts.startDue();
        proceedings.proceed();
        // A crash after the last line was written and before the record was completed:
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("update opening set state = 'DECRYPTING',"
                + " recorded_at = null, objections_until = null, record_pdf = null, record_sha256 = null"
                + " where tender_id = :t").setParameter("t", UUID.fromString(tender)).executeUpdate());
        proceedings.proceed();
        as("agent").get("/api/tenders/" + tender + "/opening").then().body("state", equalTo("RECORDED"));
        assertThat(count(tender, "BidOpened")).isEqualTo(3);
        assertThat(count(tender, "OpeningKeyUnwrapped")).isEqualTo(1); // nothing left to open: the key stays wrapped
    }

    private void setLease(String tender, UUID owner, Instant until) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("update opening set lease_owner = :o,"
                + " lease_until = :u where tender_id = :t").setParameter("o", owner).setParameter("u", until)
                .setParameter("t", UUID.fromString(tender)).executeUpdate());
    }
}
