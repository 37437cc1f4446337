package org.tenderhall.bidkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** What seal and submit show while they work, on a fake clock. */
class ProgressTest {

    private static final long MIB = 1 << 20;
    private static final long MILLI = 1_000_000L;

    private final AtomicLong now = new AtomicLong(5_000 * MILLI);
    private final StringWriter err = new StringWriter();

    private Progress progress(Progress.Mode mode) {
        return new Progress(new PrintWriter(err), mode, now::get);
    }

    private void after(long millis) {
        now.addAndGet(millis * MILLI);
    }

    @Test
    void the_rate_is_the_bytes_moved_in_this_run_over_the_time_since_it_began() {
        Progress progress = progress(Progress.Mode.TERMINAL);
        progress.begin("uploading", 200 * MIB, 40 * MIB); // a resumed upload: 40 MiB were sent before
        after(2_000);
        progress.advance(50 * MIB);

        assertThat(progress.rate()).isEqualTo(25.0 * MIB);
        assertThat(progress.timeLeft()).contains(Duration.ofSeconds(5)); // 110 MiB at 25 MiB/s: 4.4 s, rounded up
        assertThat(progress.line()).isEqualTo("uploading  90.0 MiB of 200.0 MiB  45%  25.0 MiB/s  5 s left");
    }

    @Test
    void the_time_left_is_unknown_until_a_byte_has_moved() {
        Progress progress = progress(Progress.Mode.TERMINAL);
        progress.begin("signing and encrypting", 200 * MIB, 0);
        after(3_000);

        assertThat(progress.rate()).isZero();
        assertThat(progress.timeLeft()).isEmpty();
        assertThat(progress.line()).isEqualTo("signing and encrypting  0 B of 200.0 MiB  0%");
    }

    @Test
    void rate_and_time_left_are_shown_only_from_a_second_after_the_step_began() {
        Progress progress = progress(Progress.Mode.TERMINAL);
        progress.begin("signing and encrypting", 200 * MIB, 0);
        after(200);
        progress.advance(8 * 1024); // a slow start (the key, the first blocks) would promise hours

        assertThat(progress.line()).isEqualTo("signing and encrypting  8.0 KiB of 200.0 MiB  0%");
        after(800);
        progress.advance(20 * MIB);
        assertThat(progress.line()).isEqualTo("signing and encrypting  20.0 MiB of 200.0 MiB  10%  20.0 MiB/s  9 s left");
    }

    @Test
    void a_long_time_left_is_said_in_minutes_and_hours() {
        assertThat(Progress.duration(Duration.ofSeconds(59))).isEqualTo("59 s");
        assertThat(Progress.duration(Duration.ofSeconds(125))).isEqualTo("2 min 5 s");
        assertThat(Progress.duration(Duration.ofSeconds(3 * 3600 + 7 * 60 + 9))).isEqualTo("3 h 7 min");
        assertThat(Progress.bytes(1023)).isEqualTo("1023 B");
        assertThat(Progress.bytes(1536)).isEqualTo("1.5 KiB");
        assertThat(Progress.bytes(3L << 30)).isEqualTo("3.0 GiB");
    }

    @Test
    void a_terminal_line_is_redrawn_at_most_five_times_a_second_and_kept_at_the_end() {
        Progress progress = progress(Progress.Mode.TERMINAL);
        progress.begin("uploading", 1_000 * 100 * 1024, 0);
        for (int i = 0; i < 1_000; i++) { // 100 KiB every millisecond for one second
            after(1);
            progress.advance(100 * 1024);
        }
        progress.end();

        String shown = err.toString();
        // the first drawing, one every 200 ms of the second (5), and the last
        assertThat(shown.chars().filter(c -> c == '\r').count()).isEqualTo(7);
        assertThat(shown).doesNotContain("\n" + "uploading").endsWith("\n");
        assertThat(shown.substring(shown.lastIndexOf('\r') + 1).strip())
                .isEqualTo("uploading  97.7 MiB of 97.7 MiB  100%  97.7 MiB/s");
    }

    @Test
    void a_step_said_during_a_terminal_line_clears_it_first() {
        Progress progress = progress(Progress.Mode.TERMINAL);
        progress.begin("uploading", 100 * MIB, 0);
        after(1_000);
        progress.advance(10 * MIB);
        progress.step("connection lost; resuming");

        String shown = err.toString();
        String cleared = shown.substring(shown.lastIndexOf('\r') + 1);
        assertThat(cleared).isEqualTo("connection lost; resuming" + System.lineSeparator());
        String drawn = "uploading  10.0 MiB of 100.0 MiB  10%  10.0 MiB/s  9 s left";
        assertThat(shown).contains("\r" + drawn + "\r" + " ".repeat(drawn.length()) + "\r");
    }

    @Test
    void elsewhere_each_step_is_one_line_without_redrawing() throws Exception {
        Progress progress = progress(Progress.Mode.LINES);
        progress.step("checking bid.cms (200.0 MiB)");
        progress.begin("uploading", 200 * MIB, 0);
        try (InputStream in = progress.counting(new ByteArrayInputStream(new byte[3 * (int) MIB]))) {
            for (int i = 0; i < 100; i++) {
                after(100);
                in.read(new byte[30_000]);
            }
        }
        progress.end();
        progress.begin("uploading", 200 * MIB, 50 * MIB);
        progress.end();

        assertThat(err.toString()).isEqualTo(String.join(System.lineSeparator(), "checking bid.cms (200.0 MiB)",
                "uploading 200.0 MiB", "uploading the last 150.0 MiB of 200.0 MiB", ""));
    }

    @Test
    void quiet_says_nothing() throws Exception {
        Progress progress = progress(Progress.Mode.QUIET);
        progress.step("checking bid.cms");
        progress.begin("uploading", 10, 0);
        try (InputStream in = progress.counting(new ByteArrayInputStream(new byte[10]))) {
            in.readAllBytes();
        }
        progress.end();

        assertThat(err.toString()).isEmpty();
    }

    @Test
    void a_counting_stream_counts_every_byte_read_whatever_the_way() throws Exception {
        Progress progress = progress(Progress.Mode.QUIET);
        progress.begin("packaging", 100_000, 0);
        try (InputStream in = progress.counting(new ByteArrayInputStream(new byte[100_000]))) {
            in.read();
            in.read(new byte[999]);
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        after(1_000);

        assertThat(progress.rate()).isEqualTo(100_000.0);
    }
}
