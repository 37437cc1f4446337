package org.tenderhall.bidkit;

import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.LongSupplier;
import picocli.CommandLine.Option;

/**
 * What seal and submit say while they work, on standard error. On a terminal one line is redrawn with
 * {@code \r} a few times a second (bytes done of total, rate, time left); elsewhere (a log, a script) each step
 * is one line; with {@code --quiet}, nothing. The clock is given, so the rate and the time left can be checked
 * with a fake one.
 */
final class Progress {

    enum Mode { TERMINAL, LINES, QUIET }

    /** The commands' {@code --quiet}. */
    static class Quiet {
        @Option(names = {"-q", "--quiet"}, description = "print only the result (and errors), no progress: for scripts")
        boolean quiet;

        Progress on(PrintWriter err) {
            return new Progress(err, quiet ? Mode.QUIET : interactive() ? Mode.TERMINAL : Mode.LINES, System::nanoTime);
        }
    }

    /** At most this often a terminal line is redrawn. */
    static final long REDRAW_NANOS = 200_000_000L;
    /** Rate and time left are shown from this long after a step began: the first moments say little. */
    static final long SETTLE_NANOS = 1_000_000_000L;

    private final PrintWriter err;
    private final Mode mode;
    private final LongSupplier nanos;

    private String label;
    private long total;
    private long startDone;
    private long done;
    private long startNanos;
    private long drawnNanos;
    private int drawnWidth;

    Progress(PrintWriter err, Mode mode, LongSupplier nanos) {
        this.err = err;
        this.mode = mode;
        this.nanos = nanos;
    }

    /**
     * Whether standard input and output are a terminal. Before Java 22 {@code System.console()} is null otherwise;
     * from Java 22 it is there whenever, and {@code Console.isTerminal()} tells.
     */
    static boolean interactive() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException olderJava) {
            return true;
        }
    }

    /** A step without a measure: one line, in both modes that speak. */
    synchronized void step(String text) {
        if (mode == Mode.QUIET) {
            return;
        }
        clearLine();
        err.println(text);
        err.flush();
        drawnNanos = 0;
    }

    /** A step that moves {@code total} bytes, of which {@code alreadyDone} were moved before (a resumed upload). */
    synchronized void begin(String what, long total, long alreadyDone) {
        this.label = what;
        this.total = total;
        this.startDone = alreadyDone;
        this.done = alreadyDone;
        this.startNanos = nanos.getAsLong();
        this.drawnNanos = 0;
        if (mode == Mode.LINES) {
            err.println(what + " " + (alreadyDone == 0 ? bytes(total)
                    : "the last " + bytes(total - alreadyDone) + " of " + bytes(total)));
            err.flush();
        } else if (mode == Mode.TERMINAL) {
            draw();
        }
    }

    synchronized void advance(long bytes) {
        done += bytes;
        if (mode == Mode.TERMINAL && nanos.getAsLong() - drawnNanos >= REDRAW_NANOS) {
            draw();
        }
    }

    /** The step's bytes are all moved: the terminal line is drawn a last time and kept. */
    synchronized void end() {
        if (mode == Mode.TERMINAL && label != null) {
            draw();
            err.println();
            err.flush();
            drawnWidth = 0;
        }
        label = null;
    }

    /** Bytes per second of this step so far; zero until time has passed. */
    synchronized double rate() {
        long elapsed = nanos.getAsLong() - startNanos;
        return elapsed <= 0 ? 0 : (done - startDone) * 1e9 / elapsed;
    }

    /** At the rate so far, rounded up to the second; empty while nothing has moved. */
    synchronized Optional<Duration> timeLeft() {
        double rate = rate();
        if (rate <= 0) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofSeconds((long) Math.ceil(Math.max(0, total - done) / rate)));
    }

    /** The terminal line: {@code uploading  57.3 MiB of 200.0 MiB  28%  41.2 MiB/s  4 s left}. */
    synchronized String line() {
        StringBuilder line = new StringBuilder(label).append("  ").append(bytes(done)).append(" of ").append(bytes(total))
                .append("  ").append(total == 0 ? 100 : done * 100 / total).append('%');
        if (nanos.getAsLong() - startNanos < SETTLE_NANOS) {
            return line.toString();
        }
        if (rate() > 0) {
            line.append("  ").append(bytes((long) rate())).append("/s");
        }
        timeLeft().filter(left -> done < total).ifPresent(left -> line.append("  ").append(duration(left)).append(" left"));
        return line.toString();
    }

    /** An InputStream whose reads count as this step's progress. */
    InputStream counting(InputStream in) {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                int b = in.read();
                if (b >= 0) {
                    advance(1);
                }
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int read = in.read(buffer, offset, length);
                if (read > 0) {
                    advance(read);
                }
                return read;
            }

            @Override
            public int available() throws IOException {
                return in.available();
            }

            @Override
            public void close() throws IOException {
                in.close();
            }
        };
    }

    private void draw() {
        String text = line();
        // Pad over the longer line drawn before; a terminal without ANSI codes (Windows' cmd) shows this too.
        err.print("\r" + text + " ".repeat(Math.max(0, drawnWidth - text.length())));
        err.flush();
        drawnWidth = text.length();
        drawnNanos = nanos.getAsLong();
    }

    private void clearLine() {
        if (drawnWidth > 0) {
            err.print("\r" + " ".repeat(drawnWidth) + "\r");
            drawnWidth = 0;
        }
    }

    static String bytes(long count) {
        if (count < 1024) {
            return count + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = count / 1024.0;
        int unit = 0;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    static String duration(Duration left) {
        long seconds = left.toSeconds();
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3600) {
            return seconds / 60 + " min " + seconds % 60 + " s";
        }
        return seconds / 3600 + " h " + seconds % 3600 / 60 + " min";
    }
}
