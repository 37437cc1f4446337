package org.tenderhall.packaged;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tenderhall.identity.DemoData;

/**
 * The packaged platform's embedded PostgreSQL killed under it: while it is gone, readiness is DOWN and requests that
 * need it are answered 503 {@code database-unavailable}; the platform starts it again and answers as before.
 */
class DatabaseRecoveryIT {

    private static final String AGENT = "agent:" + DemoData.PASSWORD;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void a_killed_embedded_database_is_503_while_gone_and_started_again_by_the_platform(@TempDir Path workDir)
            throws Exception {
        // A watchdog round every 10 s leaves the outage long enough to be seen; the default is every second.
        try (RunningPlatform platform = RunningPlatform.start(workDir,
                Map.of("TENDERHALL_EMBEDDED_DATABASE_WATCH_INTERVAL", "10S"))) {
            assertThat(platform.get("/api/me", AGENT).statusCode()).isEqualTo(200);
            long pid = Long.parseLong(Files.readAllLines(workDir.resolve("data/pg/postmaster.pid")).get(0).trim());
            ProcessHandle postmaster = ProcessHandle.of(pid).orElseThrow();

            postmaster.destroyForcibly();
            postmaster.onExit().get(10, TimeUnit.SECONDS);

            HttpResponse<String> refused = platform.get("/api/me", AGENT);
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
            JsonNode problem = JSON.readTree(refused.body());
            assertThat(problem.get("type").asText()).isEqualTo("https://tenderhall.org/problems/database-unavailable");
            assertThat(problem.get("detail").asText()).doesNotContainPattern("[a-z]+\\.[a-z]+\\.[A-Z]|Exception|PSQL");
            assertThat(refused.headers().firstValue("Retry-After")).hasValueSatisfying(
                    seconds -> assertThat(Integer.parseInt(seconds)).isPositive());
            HttpResponse<String> ready = platform.get("/q/health/ready", null);
            assertThat(ready.statusCode()).isEqualTo(503);
            assertThat(JSON.readTree(ready.body()).get("status").asText()).isEqualTo("DOWN");

            long killed = System.nanoTime();
            long deadline = killed + TimeUnit.SECONDS.toNanos(40);
            int status = -1;
            while (status != 200 && System.nanoTime() < deadline) {
                status = platform.get("/api/me", AGENT).statusCode();
                if (status != 200) {
                    assertThat(status).isEqualTo(503);
                    Thread.sleep(100);
                }
            }
            assertThat(status).as(platform.logText()).isEqualTo(200);
            double seconds = (System.nanoTime() - killed) / 1e9;
            System.out.printf("The platform answered again %.1f s after its database was killed%n", seconds);
            for (int i = 0; i < 20; i++) { // every pooled connection works, none left broken
                assertThat(platform.get("/api/me", AGENT).statusCode()).isEqualTo(200);
                assertThat(platform.get("/api/notices", null).statusCode()).isEqualTo(200);
            }
            assertThat(platform.get("/q/health/ready", null).statusCode()).isEqualTo(200);
            assertThat(Long.parseLong(Files.readAllLines(workDir.resolve("data/pg/postmaster.pid")).get(0).trim()))
                    .isNotEqualTo(pid);
        }
    }
}
