package org.tenderhall.packaged;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tenderhall.Api;
import org.tenderhall.identity.DemoData;

/**
 * The packaged jar, run as a user runs it: on its embedded defaults across a restart and a kill, and against an
 * external PostgreSQL server given by environment variables (with JSON logs switched on).
 */
class PackagedPlatformIT {

    private static final String ADMIN = "admin:" + DemoData.PASSWORD;

    @Test
    void on_embedded_defaults_demo_accounts_work_and_data_survives_a_restart(@TempDir Path workDir) throws Exception {
        String code = Api.freshCreditCode();
        try (RunningPlatform first = RunningPlatform.start(workDir, Map.of())) {
            System.out.printf("Embedded platform ready in %d ms (first start, with demo seeding)%n",
                    first.startup.toMillis());
            assertThat(first.logText()).contains("DEMO DATA SEEDED", "http://localhost:" + first.port);
            assertThat(first.get("/api/me", "bidder3:" + DemoData.PASSWORD).body())
                    .contains("\"roles\":[\"bidder\"]", DemoData.BIDDER_3.code().value());
            assertThat(first.postJson("/api/organisations", "{\"code\":\"" + code + "\",\"name\":\"Before Restart Ltd\"}",
                    ADMIN).statusCode()).isEqualTo(201);
            assertThat(first.stop()).isIn(0, 130, 143);
            assertThat(first.logText()).contains("Embedded PostgreSQL stopped");
        }
        assertThat(workDir.resolve("data/pg/PG_VERSION")).exists();
        assertThat(workDir.resolve("data/pg/postmaster.pid")).doesNotExist();

        try (RunningPlatform second = RunningPlatform.start(workDir, Map.of())) {
            System.out.printf("Embedded platform ready in %d ms (restart)%n", second.startup.toMillis());
            assertThat(second.logText()).doesNotContain("DEMO DATA SEEDED");
            HttpResponse<String> organisation = second.get("/api/organisations/" + code, ADMIN);
            assertThat(organisation.statusCode()).isEqualTo(200);
            assertThat(organisation.body()).contains("Before Restart Ltd");
        }
    }

    @Test
    void after_a_kill_the_next_start_takes_over_the_orphaned_embedded_database(@TempDir Path workDir) throws Exception {
        String code = Api.freshCreditCode();
        try (RunningPlatform killed = RunningPlatform.start(workDir, Map.of())) {
            assertThat(killed.postJson("/api/organisations", "{\"code\":\"" + code + "\",\"name\":\"Committed Ltd\"}",
                    ADMIN).statusCode()).isEqualTo(201);
            killed.kill();
        }
        assertThat(workDir.resolve("data/pg/postmaster.pid")).exists(); // its server is still running

        try (RunningPlatform next = RunningPlatform.start(workDir, Map.of())) {
            assertThat(next.logText()).contains("left running on");
            assertThat(next.get("/api/organisations/" + code, ADMIN).body()).contains("Committed Ltd");
        }
    }

    @Test
    void a_second_process_on_the_same_embedded_database_is_refused(@TempDir Path workDir) throws Exception {
        try (RunningPlatform first = RunningPlatform.start(workDir, Map.of())) {
            assertThatThrownBy(() -> RunningPlatform.start(workDir, Map.of()))
                    .hasMessageContaining("Another Tenderhall process is using the embedded database");
            assertThat(first.get("/q/health/ready", null).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void the_same_jar_uses_an_external_postgresql_from_the_environment_and_starts_none(@TempDir Path workDir)
            throws Exception {
        String operator = Api.freshCreditCode();
        try (EmbeddedPostgres external = EmbeddedPostgres.builder().setDataDirectory(workDir.resolve("external-pg"))
                .setCleanDataDirectory(true).start()) {
            Map<String, String> env = Map.of(
                    "QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://localhost:" + external.getPort() + "/postgres",
                    "QUARKUS_DATASOURCE_USERNAME", "postgres",
                    "QUARKUS_DATASOURCE_PASSWORD", "unused-with-trust-auth",
                    "TENDERHALL_IDENTITY_BOOTSTRAP_ADMIN_PASSWORD", "first-admin-password",
                    "TENDERHALL_IDENTITY_BOOTSTRAP_ORGANISATION_CODE", operator,
                    "QUARKUS_LOG_CONSOLE_JSON_ENABLED", "true");
            try (RunningPlatform platform = RunningPlatform.start(workDir, env)) {
                assertThat(platform.logText()).doesNotContain("Embedded PostgreSQL started", "DEMO DATA SEEDED");
                assertThat(workDir.resolve("data")).doesNotExist();

                HttpResponse<String> me = platform.get("/api/me", "admin:first-admin-password");
                assertThat(me.statusCode()).isEqualTo(200);
                assertThat(me.body()).contains(operator);
                assertThat(platform.get("/api/me", ADMIN).statusCode()).isEqualTo(401);

                JsonNode started = platform.logText().lines().filter(line -> line.startsWith("{"))
                        .map(PackagedPlatformIT::json).filter(line -> line.path("message").asText().contains("started in"))
                        .findFirst().orElseThrow(() -> new AssertionError("no JSON log line says the platform started"));
                assertThat(started.path("level").asText()).isEqualTo("INFO");
            }
            try (Connection db = external.getPostgresDatabase().getConnection(); Statement sql = db.createStatement()) {
                assertThat(count(sql, "select count(*) from account")).isEqualTo(1);
                assertThat(count(sql, "select count(*) from organisation")).isEqualTo(1);
                assertThat(count(sql, "select count(*) from audit_event where action in"
                        + " ('OrganisationRegistered', 'AccountCreated')")).isEqualTo(2);
            }
        }
        assertThat(Files.exists(workDir.resolve("data"))).isFalse();
    }

    @Test
    void a_broken_template_stops_the_start_with_a_message_naming_its_file(@TempDir Path workDir) throws Exception {
        Path templates = workDir.resolve("my-templates");
        try (var files = Files.walk(Path.of("bid-templates"))) {
            for (Path file : files.toList()) {
                Path copy = templates.resolve(Path.of("bid-templates").relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(file, copy);
                }
            }
        }
        Path goods = templates.resolve("goods/template.yaml");
        Files.writeString(goods, Files.readString(goods).replace("points: 40", "points: 45"));

        assertThatThrownBy(() -> RunningPlatform.start(workDir,
                Map.of("TENDERHALL_TEMPLATES_DIRECTORY", templates.toString())))
                .hasMessageContaining("exited with")
                .hasMessageContaining("Broken template goods/template.yaml")
                .hasMessageContaining("add up to 105, not 100");
    }

    private static JsonNode json(String line) {
        try {
            return new ObjectMapper().readTree(line);
        } catch (Exception e) {
            throw new AssertionError("not a JSON log line: " + line, e);
        }
    }

    private static long count(Statement sql, String query) throws Exception {
        try (ResultSet result = sql.executeQuery(query)) {
            result.next();
            return result.getLong(1);
        }
    }
}
