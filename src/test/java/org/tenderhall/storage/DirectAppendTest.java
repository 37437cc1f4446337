package org.tenderhall.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whole pieces go around the page cache, the rest through it, and the file holds exactly the bytes appended; each
 * piece is handed over once written and is not filled again before it comes back; an append has at most so many
 * pieces, and few appends write this way at once.
 */
class DirectAppendTest {

    @TempDir
    Path dir;

    private static final int MIB = 1 << 20;

    /** A piece handed over: where it starts in the file, a copy of its bytes, and how to give it back. */
    private record Handed(long offset, byte[] bytes, ByteBuffer piece, Runnable done) {
    }

    @Test
    void a_resumed_append_makes_exactly_the_bytes_sent_and_hands_over_every_piece_once_written() throws Exception {
        byte[] bytes = random(3 * MIB + 5000);
        Path file = Files.write(dir.resolve("upload.part"), Arrays.copyOf(bytes, 1000)); // resumed at byte 1000
        List<Handed> handed = new ArrayList<>();
        try (FileChannel buffered = FileChannel.open(file, StandardOpenOption.WRITE)) {
            DirectAppend append = DirectAppend.open(file, buffered, 1000, recording(piece -> {
                assertThat(Arrays.copyOfRange(bytes, (int) piece.offset(), (int) piece.offset() + piece.bytes().length))
                        .isEqualTo(piece.bytes());
                handed.add(piece);
                piece.done().run();
            }));
            assumeTrue(append != null, "this file system writes around the page cache");
            try (append) {
                for (int at = 1000; at < bytes.length; ) {
                    int n = Math.min(bytes.length - at, 70_001);
                    append.write(bytes, at, n);
                    at += n;
                }
                append.finish();
            }
        }
        assertThat(Files.readAllBytes(file)).isEqualTo(bytes);
        assertThat(handed).extracting(Handed::offset).containsExactly(1000L, (long) MIB, 2L * MIB, 3L * MIB);
    }

    @Test
    void an_append_takes_more_pieces_up_to_its_most_and_fills_none_again_before_the_listener_gives_it_back()
            throws Exception {
        byte[] bytes = random((DirectAppend.MOST + 2) * MIB);
        Path file = dir.resolve("upload.part");
        List<Handed> held = new ArrayList<>();
        try (FileChannel buffered = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            DirectAppend append = DirectAppend.open(file, buffered, 0, recording(piece -> {
                synchronized (held) {
                    held.add(piece);
                }
            }));
            assumeTrue(append != null, "this file system writes around the page cache");
            CompletableFuture<Void> writing = CompletableFuture.runAsync(() -> {
                try (append) {
                    append.write(bytes, 0, bytes.length);
                    append.finish();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            Thread.sleep(300);
            assertThat(writing).isNotDone(); // the listener holds every piece the append may have: the writer waits
            synchronized (held) {
                assertThat(held).hasSize(DirectAppend.MOST);
            }
            for (int i = 0; i < DirectAppend.MOST + 2; i++) {
                Handed piece;
                while (true) { // the next piece comes once one is given back
                    synchronized (held) {
                        if (held.size() > i) {
                            piece = held.get(i);
                            break;
                        }
                    }
                    Thread.sleep(10);
                }
                byte[] now = new byte[piece.piece().remaining()];
                piece.piece().duplicate().get(now);
                assertThat(now).isEqualTo(piece.bytes()); // unchanged while held
                piece.done().run();
            }
            writing.get(10, TimeUnit.SECONDS);
        }
        assertThat(Files.readAllBytes(file)).isEqualTo(bytes);
    }

    @Test
    void only_a_few_appends_at_once_write_around_the_page_cache() throws Exception {
        Path file = Files.createFile(dir.resolve("upload.part"));
        List<DirectAppend> open = new ArrayList<>();
        try (FileChannel buffered = FileChannel.open(file, StandardOpenOption.WRITE)) {
            DirectAppend first = DirectAppend.open(file, buffered, 0, length -> { });
            assumeTrue(first != null, "this file system writes around the page cache");
            open.add(first);
            for (int i = 1; i < DirectAppend.AT_ONCE; i++) {
                open.add(DirectAppend.open(file, buffered, 0, length -> { }));
            }
            assertThat(open).doesNotContainNull();
            assertThat(DirectAppend.open(file, buffered, 0, length -> { })).isNull();
            open.remove(0).close();
            DirectAppend again = DirectAppend.open(file, buffered, 0, length -> { });
            assertThat(again).isNotNull();
            open.add(again);
        } finally {
            open.forEach(DirectAppend::close);
        }
    }

    @Test
    void a_slow_connections_bytes_are_handed_over_within_about_a_second_not_once_a_piece_is_full() throws Exception {
        byte[] bytes = random(3000);
        Path file = Files.createFile(dir.resolve("upload.part"));
        List<Handed> handed = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (FileChannel buffered = FileChannel.open(file, StandardOpenOption.WRITE)) {
            DirectAppend append = DirectAppend.open(file, buffered, 0, recording(piece -> {
                handed.add(piece);
                piece.done().run();
            }));
            assumeTrue(append != null, "this file system writes around the page cache");
            try (append) {
                append.write(bytes, 0, 1000);
                Thread.sleep(1100);
                append.write(bytes, 1000, 1000); // the piece began over a second ago: it goes as it is
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                while (handed.isEmpty() && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                assertThat(handed).extracting(Handed::offset).containsExactly(0L);
                assertThat(handed.get(0).bytes()).isEqualTo(Arrays.copyOf(bytes, 2000));
                append.write(bytes, 2000, 1000);
                append.finish();
            }
        }
        assertThat(Files.readAllBytes(file)).isEqualTo(bytes);
        assertThat(handed).extracting(Handed::offset).containsExactly(0L, 2000L);
    }

    @Test
    void a_listener_that_fails_stops_neither_the_writing_nor_the_pieces_coming_back() throws Exception {
        byte[] bytes = random(6 * MIB);
        Path file = Files.createFile(dir.resolve("upload.part"));
        try (FileChannel buffered = FileChannel.open(file, StandardOpenOption.WRITE)) {
            DirectAppend append = DirectAppend.open(file, buffered, 0, recording(piece -> {
                throw new IllegalStateException("a broken reader");
            }));
            assumeTrue(append != null, "this file system writes around the page cache");
            long began = System.nanoTime();
            try (append) {
                append.write(bytes, 0, bytes.length);
                append.finish();
            }
            assertThat(System.nanoTime() - began).isLessThan(TimeUnit.SECONDS.toNanos(10)); // no piece waited for
        }
        assertThat(Files.readAllBytes(file)).isEqualTo(bytes);
    }

    /** A listener that is handed every piece (never a length alone), and records it with a copy of its bytes. */
    private static AppendListener recording(Consumer<Handed> record) {
        return new AppendListener() {
            @Override
            public void wrote(long length) {
                throw new AssertionError("a piece is handed over with its bytes");
            }

            @Override
            public void wrote(long length, ByteBuffer piece, Runnable done) {
                byte[] copy = new byte[piece.remaining()];
                piece.duplicate().get(copy);
                record.accept(new Handed(length - copy.length, copy, piece, done));
            }
        };
    }

    private static byte[] random(int length) {
        byte[] bytes = new byte[length];
        new Random(11).nextBytes(bytes);
        return bytes;
    }
}
