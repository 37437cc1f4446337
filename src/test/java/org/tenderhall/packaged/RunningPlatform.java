package org.tenderhall.packaged;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The packaged platform ({@code target/quarkus-app/quarkus-run.jar}) run as its own process, as a user runs it. */
final class RunningPlatform implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build(); // as bidkit: one connection per bidder

    /** The JVM options docs/operations.md gives for production (its section "JVM options"). */
    static final List<String> PRODUCTION_JVM_OPTIONS = List.of("-XX:+UseParallelGC");

    final int port;
    final Path workDir;
    final Path log;
    final Duration startup;
    private final Process process;

    private RunningPlatform(int port, Path workDir, Path log, Process process, Duration startup) {
        this.port = port;
        this.workDir = workDir;
        this.log = log;
        this.process = process;
        this.startup = startup;
    }

    /** Starts the jar in {@code workDir} with {@code env} added, and waits until it is ready. */
    static RunningPlatform start(Path workDir, Map<String, String> env) throws Exception {
        return start(workDir, env, List.of());
    }

    /** The same, with options for the platform's JVM ({@code -Xmx128m}). */
    static RunningPlatform start(Path workDir, Map<String, String> env, List<String> jvmOptions)
            throws Exception {
        return start(workDir, env, jvmOptions, System.getProperty("tenderhall.app.jar",
                "target/quarkus-app/quarkus-run.jar"));
    }

    /** The same, from the jar {@code jar} (another build, to compare with). */
    static RunningPlatform start(Path workDir, Map<String, String> env, List<String> jvmOptions, String jar)
            throws Exception {
        int port = freePort();
        Path log = Files.createTempFile(workDir, "platform-", ".log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", Path.of(jar).toAbsolutePath().toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("QUARKUS_") || name.startsWith("TENDERHALL_"));
        builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        builder.environment().putAll(env);
        long began = System.nanoTime();
        Process process = builder.start();
        RunningPlatform platform = new RunningPlatform(port, workDir, log, process, null);
        long deadline = began + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The platform exited with " + process.exitValue() + ":\n" + platform.logText());
            }
            if (platform.get("/q/health/ready", null).statusCode() == 200) {
                return new RunningPlatform(port, workDir, log, process, Duration.ofNanos(System.nanoTime() - began));
            }
            Thread.sleep(200);
        }
        process.destroyForcibly();
        throw new IllegalStateException("The platform was not ready within 90 s:\n" + platform.logText());
    }

    HttpResponse<String> get(String path, String basicCredentials) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).GET(), basicCredentials);
    }

    HttpResponse<String> postJson(String path, String json, String basicCredentials) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)), basicCredentials);
    }

    /** Stops the platform the way a service manager does (SIGTERM) and waits for it to exit. */
    int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("The platform did not stop within 30 s");
        }
        return process.exitValue();
    }

    /** Kills the platform without warning (SIGKILL), as a power cut or the OOM killer would. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** Whether the platform's process still runs (a fault switch may have halted it). */
    boolean isAlive() {
        return process.isAlive();
    }

    String logText() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            stop();
        }
    }

    /** Any request, signed in with {@code basicCredentials} ("user:password") when given. */
    HttpResponse<String> exchange(HttpRequest.Builder request, String basicCredentials) throws Exception {
        return send(request, basicCredentials);
    }

    URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String basicCredentials) throws Exception {
        if (basicCredentials != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString(basicCredentials.getBytes(StandardCharsets.UTF_8)));
        }
        try {
            return HTTP.send(request.timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException notListeningYet) {
            return new NoResponse(request.build());
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Stands for "nothing answered" while the platform is still starting. */
    private record NoResponse(HttpRequest request) implements HttpResponse<String> {
        public int statusCode() {
            return -1;
        }

        public java.util.Optional<HttpResponse<String>> previousResponse() {
            return java.util.Optional.empty();
        }

        public java.net.http.HttpHeaders headers() {
            return java.net.http.HttpHeaders.of(Map.of(), (a, b) -> true);
        }

        public String body() {
            return "";
        }

        public java.util.Optional<javax.net.ssl.SSLSession> sslSession() {
            return java.util.Optional.empty();
        }

        public URI uri() {
            return request.uri();
        }

        public HttpClient.Version version() {
            return HttpClient.Version.HTTP_1_1;
        }
    }
}
