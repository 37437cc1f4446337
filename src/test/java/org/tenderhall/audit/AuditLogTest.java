package org.tenderhall.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionalException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.tenderhall.identity.DemoData;
import org.tenderhall.kernel.Actor;

@QuarkusTest
class AuditLogTest {

    @Inject
    AuditLog audit;

    @Inject
    AuditSequencer sequencer;

    @Inject
    AgroalDataSource database;

    private final Actor actor = Actor.system(DemoData.OPERATOR.code());

    @Test
    void the_database_refuses_to_update_an_audit_event() {
        assertRefused("update audit_event set actor = 'mallory' where seq = 0");
    }

    @Test
    void the_database_refuses_to_delete_an_audit_event() {
        assertRefused("delete from audit_event where seq = 0");
    }

    @Test
    void the_database_refuses_to_truncate_the_audit_log() {
        assertRefused("truncate audit_event");
    }

    @Test
    void the_head_of_the_log_only_advances_by_one() {
        assertRefused("update audit_log_head set size = size + 100 where id = 1");
        assertRefused("update audit_log_head set size = size - 1 where id = 1");
        assertRefused("delete from audit_log_head");
    }

    @Test
    void an_event_cannot_take_a_number_out_of_order() {
        assertRefused("insert into audit_event (seq, recorded_at, actor, role, organisation, action, subject, request_id,"
                + " data, data_sha256, canonical, leaf_hash) values (999999, now(), 'mallory', 'admin', 'x', 'Forged',"
                + " 'x', 'x', '{}', 'x', '{}', '\\x00')");
    }

    @Test
    void refused_changes_leave_the_event_as_it_was() throws SQLException {
        String before = canonicalOfFirstEvent();
        assertRefused("update audit_event set canonical = '{}' where seq = 0");
        assertThat(canonicalOfFirstEvent()).isEqualTo(before);
    }

    @Test
    void events_are_numbered_without_gaps_in_one_global_order() throws SQLException {
        QuarkusTransaction.requiringNew().run(() -> audit.record(actor, "TestHappened", "test:a", Map.of("n", 1)));
        QuarkusTransaction.requiringNew().run(() -> audit.record(actor, "TestHappened", "test:b", Map.of("n", 2)));
        sequencer.numberCommitted();
        try (Connection c = database.getConnection(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("select count(*), min(seq), max(seq), (select size from audit_log_head)"
                        + " from audit_event")) {
            r.next();
            assertThat(r.getLong(2)).isZero();
            assertThat(r.getLong(3)).isEqualTo(r.getLong(1) - 1);
            assertThat(r.getLong(4)).isEqualTo(r.getLong(1));
        }
    }

    @Test
    void an_event_rolled_back_with_its_command_leaves_no_trace_and_no_gap() {
        long before = audit.read(0, Integer.MAX_VALUE).size();
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
            audit.record(actor, "TestHappened", "test:rolled-back", Map.of());
            throw new IllegalStateException("the command fails after recording");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(audit.forSubject("test:rolled-back")).isEmpty();

        QuarkusTransaction.requiringNew().run(() -> audit.record(actor, "TestHappened", "test:after-rollback", Map.of()));
        assertThat(audit.forSubject("test:after-rollback")).singleElement()
                .satisfies(next -> assertThat(next.seq).isEqualTo(before));
    }

    @Test
    void a_command_commits_without_waiting_for_another_commands_event() throws Exception {
        CountDownLatch recorded = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService slow = Executors.newSingleThreadExecutor();
        try {
            Future<?> slowCommand = slow.submit(() -> QuarkusTransaction.requiringNew().run(() -> {
                audit.record(actor, "TestHappened", "test:slow", Map.of());
                recorded.countDown();
                await(release);
            }));
            assertThat(recorded.await(10, TimeUnit.SECONDS)).isTrue();
            // While the slow command's transaction is open, with its event recorded, another commits and is numbered.
            CompletableFuture<Void> quick = CompletableFuture.runAsync(() -> QuarkusTransaction.requiringNew()
                    .run(() -> audit.record(actor, "TestHappened", "test:quick", Map.of())));
            quick.get(10, TimeUnit.SECONDS);
            assertThat(audit.forSubject("test:quick")).hasSize(1);
            assertThat(audit.forSubject("test:slow")).isEmpty();

            release.countDown();
            slowCommand.get(10, TimeUnit.SECONDS);
            AuditEvent quickEvent = audit.forSubject("test:quick").get(0);
            AuditEvent slowEvent = audit.forSubject("test:slow").get(0);
            assertThat(slowEvent.seq).isGreaterThan(quickEvent.seq); // numbered in the order they committed
        } finally {
            release.countDown();
            slow.shutdown();
        }
    }

    @Test
    void an_event_recorded_after_another_committed_is_numbered_after_it() {
        for (int i = 0; i < 5; i++) {
            String subject = "test:cause-" + i;
            QuarkusTransaction.requiringNew().run(() -> audit.record(actor, "TestHappened", subject, Map.of()));
        }
        List<Long> numbers = java.util.stream.IntStream.range(0, 5)
                .mapToObj(i -> audit.forSubject("test:cause-" + i).get(0).seq).toList();
        assertThat(numbers).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void a_receipt_or_reader_gets_the_event_of_an_entry_whoever_numbers_it() {
        AuditEntry entry = QuarkusTransaction.requiringNew().call(() -> audit.record(actor, "TestHappened",
                "test:entry", Map.of()));
        AuditEvent event = sequencer.eventOf(entry.id);
        assertThat(event.entryId).isEqualTo(entry.id);
        assertThat(event.subject).isEqualTo("test:entry");
        assertThat(sequencer.eventOf(entry.id).seq).isEqualTo(event.seq);
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void recording_outside_a_transaction_is_refused() {
        assertThatThrownBy(() -> audit.record(actor, "TestHappened", "test:no-transaction", Map.of()))
                .isInstanceOf(TransactionalException.class);
    }

    @Test
    void the_stored_hashes_match_the_stored_bytes() {
        AuditEntry entry = QuarkusTransaction.requiringNew().call(() -> audit.record(actor, "TestHappened",
                "test:hashes", Map.of("price", "1234567.89", "lots", List.of(1, 2))));
        AuditEvent stored = audit.forSubject("test:hashes").get(0);
        assertThat(stored.entryId).isEqualTo(entry.id);
        assertThat(stored.data).isEqualTo("{\"lots\":[1,2],\"price\":\"1234567.89\"}");
        assertThat(stored.dataSha256).isEqualTo(AuditLeaf.sha256Hex(stored.data));
        assertThat(stored.canonical).isEqualTo(AuditLeaf.canonicalEvent(stored.seq, stored.recordedAt, stored.actor,
                stored.role, stored.organisation, stored.action, stored.subject, stored.requestId, stored.dataSha256));
        assertThat(stored.leafHash).isEqualTo(AuditLeaf.leafHash(stored.canonical));
    }

    private void assertRefused(String sql) {
        assertThatThrownBy(() -> {
            try (Connection c = database.getConnection(); Statement s = c.createStatement()) {
                s.execute(sql);
            }
        }).isInstanceOf(SQLException.class).hasMessageMatching("(?s).*(append-only|advances by one|out of order|refused).*");
    }

    private String canonicalOfFirstEvent() throws SQLException {
        try (Connection c = database.getConnection(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("select canonical from audit_event where seq = 0")) {
            assertThat(r.next()).isTrue();
            return r.getString(1);
        }
    }
}
