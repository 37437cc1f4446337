package org.tenderhall.platform.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * The one embedded PostgreSQL server of this process (zonky binaries from Maven Central).
 *
 * <p>Started lazily, the first time the datasource URL is asked for, so that a build, or a run with an
 * external database configured, never starts it. It survives an application restart inside the same JVM
 * (tests restart Quarkus per test profile) and is stopped on shutdown. A watchdog starts it again, on the same
 * data directory and port (the datasource URL stays valid), when its postmaster process has died. Its superuser
 * has a password ({@link SuperuserPassword}).
 */
public final class EmbeddedDatabase {

    public static final String USER = "postgres";

    private static final Logger LOG = Logger.getLogger(EmbeddedDatabase.class);
    private static EmbeddedPostgres server;
    private static Path serverDirectory;
    private static int port;
    private static String password;
    /** Whether the server should run: the watchdog starts it again only then (not after {@link #stop}). */
    private static boolean wanted;
    private static boolean cleanedOnce;
    private static ScheduledExecutorService watchdog;
    private static boolean hooked;
    /** Held for the life of the process: tells a later process whether a server it finds is orphaned. */
    private static FileLock directoryLock;
    private static Path lockedDirectory;

    private EmbeddedDatabase() {
    }

    /**
     * Starts the server on {@code directory} if it is not running, and returns its JDBC URL.
     *
     * @param watchInterval how often the watchdog checks that the server's process lives
     */
    public static synchronized String jdbcUrl(Path directory, boolean cleanFirst, Duration watchInterval) {
        ensureStarted(directory, cleanFirst, watchInterval);
        return "jdbc:postgresql://localhost:" + port + "/postgres";
    }

    /** The superuser's password, starting the server as {@link #jdbcUrl} does. */
    public static synchronized String password(Path directory, boolean cleanFirst, Duration watchInterval) {
        ensureStarted(directory, cleanFirst, watchInterval);
        return password;
    }

    public static synchronized boolean isRunning() {
        return server != null;
    }

    /** The postmaster's process id, from its {@code postmaster.pid}; -1 when it has none. */
    public static synchronized long postmasterPid() {
        return serverDirectory == null ? -1 : pidIn(serverDirectory);
    }

    public static synchronized void stop() {
        wanted = false;
        if (watchdog != null) {
            watchdog.shutdownNow();
            watchdog = null;
        }
        close();
    }

    private static void ensureStarted(Path directory, boolean cleanFirst, Duration watchInterval) {
        Path dir = directory.toAbsolutePath().normalize();
        if (serverDirectory != null && !dir.equals(serverDirectory)) {
            stop();
            port = 0;
        }
        if (server == null) {
            boolean clean = cleanFirst && !cleanedOnce;
            cleanedOnce |= cleanFirst;
            serverDirectory = dir;
            start(dir, clean);
        }
        wanted = true;
        if (watchdog == null) {
            watchdog = Executors.newSingleThreadScheduledExecutor(task -> {
                Thread thread = new Thread(task, "embedded-postgres-watchdog");
                thread.setDaemon(true);
                return thread;
            });
            long every = Math.max(100, watchInterval.toMillis());
            watchdog.scheduleWithFixedDelay(EmbeddedDatabase::watch, every, every, TimeUnit.MILLISECONDS);
        }
        if (!hooked) {
            Runtime.getRuntime().addShutdownHook(new Thread(EmbeddedDatabase::stop, "embedded-postgres-stop"));
            hooked = true;
        }
    }

    /** The watchdog's round: a server whose postmaster died is started again, until it runs. */
    private static synchronized void watch() {
        if (!wanted) {
            return;
        }
        if (server != null && ProcessHandle.of(pidIn(serverDirectory)).map(ProcessHandle::isAlive).orElse(false)) {
            return;
        }
        if (sharedMemoryInUse(serverDirectory)) {
            // Its backends outlive a killed postmaster for a moment; PostgreSQL refuses to start beside them.
            return;
        }
        if (server != null) {
            LOG.warnf("Embedded PostgreSQL on port %d has stopped (data in %s); starting it again", port,
                    serverDirectory);
            close();
        }
        try {
            start(serverDirectory, false);
        } catch (RuntimeException e) {
            LOG.warnf("Embedded PostgreSQL could not start again yet, trying again at the next round: %s",
                    e.getCause() != null ? e.getCause() : e);
        }
    }

    private static void close() {
        if (server == null) {
            return;
        }
        // The directory lock is kept until the process ends: the server may be started again (tests, watchdog).
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
            if (clean) {
                // Ourselves, not zonky's clean option: that one also deletes the directory when the server is closed,
                // which a restart by the watchdog does.
                deleteRecursively(dir);
            }
            String known = SuperuserPassword.read(dir).orElse(null);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dir)
                    .setCleanDataDirectory(false)
                    .setServerConfig("timezone", "UTC")
                    // zonky tunes for throwaway test databases (-F, synchronous_commit=off); bids are not throwaway.
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on")
                    .setServerConfig("max_connections", "100")
                    .setServerConfig("password_encryption", "scram-sha-256");
            if (port > 0) {
                builder.setPort(port); // the same port again: the datasource's URL stays valid
            }
            if (known != null) {
                builder.setConnectConfig("password", known); // zonky's own readiness check signs in too
            }
            server = builder.start();
            port = server.getPort();
            password = SuperuserPassword.secure(dir, port, known);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + dir, e);
        }
        LOG.infof("Embedded PostgreSQL started on port %d with data in %s (%d ms)",
                port, dir, (System.nanoTime() - began) / 1_000_000);
    }

    private static long pidIn(Path dir) {
        try {
            String firstLine = Files.readAllLines(dir.resolve("postmaster.pid")).stream().findFirst().orElse("").trim();
            return firstLine.matches("\\d{1,10}") ? Long.parseLong(firstLine) : -1;
        } catch (IOException e) {
            return -1;
        }
    }

    /**
     * Whether processes of a dead postmaster still hold its shared memory (line 7 of {@code postmaster.pid} names
     * the segment; Linux lists it with its number of attached processes in {@code /proc/sysvipc/shm}).
     * PostgreSQL would refuse to start until they are gone, and zonky would wait ten seconds to find that out.
     */
    private static boolean sharedMemoryInUse(Path dir) {
        try {
            java.util.List<String> lines = Files.readAllLines(dir.resolve("postmaster.pid"));
            Path segments = Path.of("/proc/sysvipc/shm");
            if (lines.size() < 7 || !Files.isReadable(segments)) {
                return false;
            }
            String[] keyAndId = lines.get(6).trim().split("\\s+");
            if (keyAndId.length < 2) {
                return false;
            }
            for (String line : Files.readAllLines(segments)) {
                String[] columns = line.trim().split("\\s+");
                if (columns.length > 6 && columns[1].equals(keyAndId[1])) {
                    return !columns[6].equals("0");
                }
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
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
        long pid = pidIn(dir);
        if (pid < 0) {
            return;
        }
        ProcessHandle orphan = ProcessHandle.of(pid)
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
