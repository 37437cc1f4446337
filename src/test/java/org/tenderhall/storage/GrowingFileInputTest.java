package org.tenderhall.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reader follows a file as its writer reports bytes, never reads past them, reads the pieces handed over from memory,
 * and stops when told or left idle.
 */
class GrowingFileInputTest {

    @TempDir
    Path dir;

    @Test
    void the_reader_gets_every_byte_the_writer_appends_and_ends_at_the_declared_end() throws Exception {
        Path file = dir.resolve("upload.part");
        byte[] bytes = new byte[300_000];
        new java.util.Random(7).nextBytes(bytes);
        Files.write(file, Arrays.copyOf(bytes, 1000));
        GrowingFileInput input = new GrowingFileInput(file, 1000, bytes.length, Duration.ofSeconds(10));
        CompletableFuture<byte[]> read = CompletableFuture.supplyAsync(() -> {
            try (input) {
                return input.readAllBytes();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        for (int at = 1000; at < bytes.length; at += 50_000) {
            int end = Math.min(bytes.length, at + 50_000);
            Files.write(file, Arrays.copyOfRange(bytes, at, end), StandardOpenOption.APPEND);
            input.wrote(end);
            Thread.sleep(20);
        }
        assertThat(read.get(10, TimeUnit.SECONDS)).isEqualTo(bytes);
        assertThat(input.readToTheEnd()).isTrue();
    }

    @Test
    void bytes_in_the_file_that_the_writer_has_not_reported_are_not_read() throws Exception {
        Path file = Files.write(dir.resolve("upload.part"), new byte[100]);
        GrowingFileInput input = new GrowingFileInput(file, 40, 100, Duration.ofMillis(200));
        byte[] buffer = new byte[100];
        assertThat(input.read(buffer, 0, 100)).isEqualTo(40);
        assertThatThrownBy(() -> input.read(buffer, 0, 100)).isInstanceOf(GrowingFileInput.Stopped.class)
                .hasMessageContaining("no byte came");
        assertThat(input.readToTheEnd()).isFalse();
    }

    @Test
    void a_reader_left_idle_stops_for_good() throws Exception {
        Path file = Files.write(dir.resolve("upload.part"), new byte[10]);
        GrowingFileInput input = new GrowingFileInput(file, 10, 20, Duration.ofMillis(100));
        input.readNBytes(10);
        assertThatThrownBy(input::read).isInstanceOf(GrowingFileInput.Stopped.class);
        Files.write(file, new byte[10], StandardOpenOption.APPEND);
        input.wrote(20);
        assertThatThrownBy(input::read).isInstanceOf(GrowingFileInput.Stopped.class);
    }

    @Test
    void stop_wakes_a_waiting_reader() throws Exception {
        Path file = Files.write(dir.resolve("upload.part"), new byte[0]);
        GrowingFileInput input = new GrowingFileInput(file, 0, 20, Duration.ofMinutes(5));
        CompletableFuture<Throwable> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                input.read();
                return null;
            } catch (IOException e) {
                return e;
            }
        });
        Thread.sleep(100);
        assertThat(waiting).isNotDone();
        input.stop();
        assertThat(waiting.get(5, TimeUnit.SECONDS)).isInstanceOf(GrowingFileInput.Stopped.class);
    }

    @Test
    void a_complete_file_reads_to_its_end_without_waiting() throws Exception {
        Path file = Files.write(dir.resolve("upload.part"), new byte[] {1, 2, 3});
        try (GrowingFileInput input = new GrowingFileInput(file, 3, 3, Duration.ZERO)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            input.transferTo(out);
            assertThat(out.toByteArray()).containsExactly(1, 2, 3);
            assertThat(input.read()).isEqualTo(-1);
            assertThat(input.readToTheEnd()).isTrue();
        }
    }

    @Test
    void pieces_handed_over_are_read_from_memory_and_given_back_once_read() throws Exception {
        // The file holds zeros where the pieces hold other bytes: what is read shows where it came from.
        Path file = Files.write(dir.resolve("upload.part"), new byte[300]);
        byte[] first = filled(100, (byte) 1);
        byte[] second = filled(100, (byte) 2);
        AtomicInteger back = new AtomicInteger();
        try (GrowingFileInput input = new GrowingFileInput(file, 100, 300, Duration.ofSeconds(5))) {
            input.wrote(200, ByteBuffer.wrap(first), back::incrementAndGet);
            input.wrote(300, ByteBuffer.wrap(second), back::incrementAndGet);
            byte[] read = input.readNBytes(150);
            assertThat(Arrays.copyOfRange(read, 0, 100)).isEqualTo(new byte[100]); // before the pieces: the file
            assertThat(Arrays.copyOfRange(read, 100, 150)).isEqualTo(filled(50, (byte) 1));
            assertThat(back).hasValue(0);
            read = input.readNBytes(150);
            assertThat(Arrays.copyOfRange(read, 0, 50)).isEqualTo(filled(50, (byte) 1));
            assertThat(Arrays.copyOfRange(read, 50, 150)).isEqualTo(second);
            assertThat(back).hasValue(2);
            assertThat(input.readToTheEnd()).isTrue();
        }
    }

    @Test
    void a_stopped_or_closed_reader_gives_back_every_piece_and_takes_no_more() throws Exception {
        Path file = Files.write(dir.resolve("upload.part"), new byte[400]);
        AtomicInteger back = new AtomicInteger();
        GrowingFileInput stopped = new GrowingFileInput(file, 0, 400, Duration.ofSeconds(5));
        stopped.wrote(100, ByteBuffer.allocate(100), back::incrementAndGet);
        stopped.wrote(200, ByteBuffer.allocate(100), back::incrementAndGet);
        stopped.stop();
        assertThat(back).hasValue(2);
        stopped.wrote(300, ByteBuffer.allocate(100), back::incrementAndGet);
        assertThat(back).hasValue(3);

        GrowingFileInput closed = new GrowingFileInput(file, 0, 400, Duration.ofSeconds(5));
        closed.wrote(100, ByteBuffer.allocate(100), back::incrementAndGet);
        closed.readNBytes(30);
        closed.close();
        assertThat(back).hasValue(4);
        closed.wrote(200, ByteBuffer.allocate(100), back::incrementAndGet);
        assertThat(back).hasValue(5);
    }

    @Test
    void a_piece_far_ahead_of_the_reader_goes_back_at_once_and_its_bytes_are_read_from_the_file() throws Exception {
        long start = GrowingFileInput.AHEAD + 1000;
        Path file = dir.resolve("upload.part");
        try (java.io.RandomAccessFile sparse = new java.io.RandomAccessFile(file.toFile(), "rw")) {
            sparse.setLength(start + 100); // zeros, where the piece holds ones
        }
        AtomicInteger back = new AtomicInteger();
        try (GrowingFileInput input = new GrowingFileInput(file, start, start + 100, Duration.ofSeconds(5))) {
            input.wrote(start + 100, ByteBuffer.wrap(filled(100, (byte) 1)), back::incrementAndGet);
            assertThat(back).hasValue(1); // the writer need not wait for this reader
            input.skipNBytes(start);
            assertThat(input.readNBytes(100)).isEqualTo(new byte[100]);
        }
    }

    private static byte[] filled(int length, byte value) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, value);
        return bytes;
    }
}
