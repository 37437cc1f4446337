package org.tenderhall.platform.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded server outside Quarkus: its superuser's password, and the watchdog that starts it again. */
class EmbeddedServerTest {

    private static final Duration WATCH = Duration.ofMillis(200);

    @TempDir
    Path work;

    @AfterEach
    void stop() {
        EmbeddedDatabase.stop();
    }

    @Test
    void a_data_directory_of_an_older_version_gets_a_password_and_refuses_connections_without_it() throws Exception {
        Path dir = work.resolve("pg");
        // As the versions before the password made it: zonky's initdb, every local connection trusted.
        try (EmbeddedPostgres older = EmbeddedPostgres.builder().setDataDirectory(dir).setCleanDataDirectory(false)
                .start()) {
            assertThat(select1(older.getJdbcUrl("postgres", "postgres"), null)).isEqualTo(1);
        }
        assertThat(dir.resolve(SuperuserPassword.FILE)).doesNotExist();

        String url = EmbeddedDatabase.jdbcUrl(dir, false, WATCH);
        String password = EmbeddedDatabase.password(dir, false, WATCH);

        Path file = dir.resolve(SuperuserPassword.FILE);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Files.readString(file).trim()).isEqualTo(password).hasSizeGreaterThanOrEqualTo(40);
        assertThatThrownBy(() -> select1(url, null)).isInstanceOf(SQLException.class);
        assertThatThrownBy(() -> select1(url, "postgres")).isInstanceOf(SQLException.class);
        assertThat(select1(url, password)).isEqualTo(1);
        assertThat(Files.readString(dir.resolve("pg_hba.conf"))).doesNotContain("trust").contains("scram-sha-256");

        EmbeddedDatabase.stop();
        String again = EmbeddedDatabase.jdbcUrl(dir, false, WATCH);
        assertThat(EmbeddedDatabase.password(dir, false, WATCH)).isEqualTo(password);
        assertThat(select1(again, password)).isEqualTo(1);
        assertThatThrownBy(() -> select1(again, null)).isInstanceOf(SQLException.class);
    }

    @Test
    void a_killed_server_is_started_again_on_the_same_port_with_its_data() throws Exception {
        Path dir = work.resolve("pg");
        String url = EmbeddedDatabase.jdbcUrl(dir, true, WATCH);
        String password = EmbeddedDatabase.password(dir, true, WATCH);
        execute(url, password, "create table kept (n int); insert into kept values (7)");
        long pid = EmbeddedDatabase.postmasterPid();
        ProcessHandle postmaster = ProcessHandle.of(pid).orElseThrow();

        postmaster.destroyForcibly();
        postmaster.onExit().get(10, TimeUnit.SECONDS);
        // No check that it refuses now: on an idle machine the watchdog has it back within a few hundred ms.

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        Integer kept = null;
        while (kept == null && System.nanoTime() < deadline) {
            try {
                kept = query(url, password, "select n from kept");
            } catch (SQLException notYet) {
                Thread.sleep(100);
            }
        }
        assertThat(kept).as("the server answers again on " + url).isEqualTo(7);
        assertThat(EmbeddedDatabase.postmasterPid()).isNotEqualTo(pid);
    }

    private static int select1(String url, String password) throws SQLException {
        return query(url, password, "select 1");
    }

    private static int query(String url, String password, String sql) throws SQLException {
        try (Connection c = connect(url, password); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getInt(1);
        }
    }

    private static void execute(String url, String password, String sql) throws SQLException {
        try (Connection c = connect(url, password); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static Connection connect(String url, String password) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", "postgres");
        if (password != null) {
            properties.setProperty("password", password);
        }
        return new org.postgresql.Driver().connect(url, properties);
    }
}
