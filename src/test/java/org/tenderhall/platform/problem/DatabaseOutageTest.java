package org.tenderhall.platform.problem;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.persistence.PersistenceException;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.hibernate.exception.ConstraintViolationException;
import org.hibernate.exception.JDBCConnectionException;
import org.junit.jupiter.api.Test;

/** Which failures are the database being out of reach (503, try again) rather than a bug (500). */
class DatabaseOutageTest {

    @Test
    void a_refused_connection_however_wrapped_is_an_outage() {
        SQLException refused = new SQLException("Connection to localhost:5432 refused", "08001", new ConnectException());
        assertThat(DatabaseOutage.causes(refused)).isTrue();
        assertThat(DatabaseOutage.causes(new PersistenceException(new RuntimeException(refused)))).isTrue();
    }

    @Test
    void a_connection_broken_under_a_query_is_an_outage() {
        assertThat(DatabaseOutage.causes(new JDBCConnectionException("I/O error", new SQLException("I/O", "08006"))))
                .isTrue();
        assertThat(DatabaseOutage.causes(new SQLTransientConnectionException("gone"))).isTrue();
    }

    @Test
    void a_server_shutting_down_or_starting_up_is_an_outage() {
        assertThat(DatabaseOutage.causes(new SQLException("terminating connection", "57P01"))).isTrue();
        assertThat(DatabaseOutage.causes(new SQLException("the database system is starting up", "57P03"))).isTrue();
    }

    @Test
    void no_connection_from_the_pool_in_time_is_an_outage() {
        assertThat(DatabaseOutage.causes(new SQLException("Acquisition timeout while waiting for new connection")))
                .isTrue();
    }

    @Test
    void a_refused_statement_or_a_bug_is_not() {
        assertThat(DatabaseOutage.causes(new ConstraintViolationException("duplicate",
                new SQLException("duplicate key", "23505"), "uq"))).isFalse();
        assertThat(DatabaseOutage.causes(new SQLException("syntax error", "42601"))).isFalse();
        assertThat(DatabaseOutage.causes(new NullPointerException())).isFalse();
        RuntimeException loop = new RuntimeException();
        loop.initCause(new IllegalStateException(loop));
        assertThat(DatabaseOutage.causes(loop)).isFalse();
    }
}
