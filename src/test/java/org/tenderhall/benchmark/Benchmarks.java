package org.tenderhall.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** What the benchmarks share: timing, test files, the machine's description, and their sections of the report. */
public final class Benchmarks {

    /** A step to time. */
    public interface Step {
        void run() throws Exception;
    }

    private Benchmarks() {
    }

    /** Seconds the step takes. */
    public static double timed(Step step) throws Exception {
        long began = System.nanoTime();
        step.run();
        return (System.nanoTime() - began) / 1e9;
    }

    public static void openssl(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(process.waitFor(30, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as("openssl " + String.join(" ", args)).isZero();
    }

    /** Random bytes (that no compression shrinks), reused when the file is already there with that size. */
    public static void writeIncompressible(Path file, long bytes) throws IOException {
        if (Files.exists(file) && Files.size(file) == bytes) {
            return;
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        byte[] block = new byte[1 << 20];
        SecureRandom random = new SecureRandom();
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long written = 0; written < bytes; written += block.length) {
                random.nextBytes(block);
                out.write(block, 0, (int) Math.min(block.length, bytes - written));
            }
        }
    }

    public static String machine() throws IOException {
        String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown CPU");
        return Runtime.getRuntime().availableProcessors() + " cores, " + cpu;
    }

    public static String javaVersion() {
        return "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.vendor") + ")";
    }

    public static String opensslVersion() throws Exception {
        Process process = new ProcessBuilder("openssl", "version").start();
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    }

    /** Replaces the section between two {@code marker} lines of docs/performance.md, or appends it. */
    public static void report(String marker, String section) throws IOException {
        Path doc = Path.of("docs/performance.md");
        String text = Files.exists(doc) ? Files.readString(doc) : "# Performance\n\nFigures from the benchmarks under"
                + " `src/test/java/org/tenderhall/benchmark`, each rerun with the command it names. The machine is shared"
                + " and noisy: compare the ratios to the reference measured in the same run, not absolute times.\n\n";
        int start = text.indexOf(marker);
        int end = start < 0 ? -1 : text.indexOf(marker, start + marker.length());
        text = start < 0 ? text.stripTrailing() + "\n\n" + section.strip()
                : text.substring(0, start) + section.strip() + text.substring(end + marker.length());
        Files.writeString(doc, text.endsWith("\n") ? text : text + "\n");
    }
}
