package org.tenderhall.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.UUID;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An upload's file holds exactly the bytes appended, in order, whatever the pieces and wherever a resumed append
 * starts; what arrived before a broken connection is kept; bytes past the declared size are not.
 */
class BlobStoreTest {

    @TempDir
    Path dir;

    private static final int MIB = 1 << 20;

    private final byte[] bytes = random(3 * MIB + 12_345);

    @Test
    void appended_pieces_resumed_at_any_offset_make_exactly_the_bytes_sent() throws Exception {
        BlobStore store = BlobStore.at(dir);
        UUID upload = UUID.randomUUID();
        AtomicLong reported = new AtomicLong();
        long at = 0;
        for (int to : new int[] {1, 4095, 4097, 700_000, MIB + 3, 3 * MIB, bytes.length}) {
            at = store.append(upload, at, new ByteArrayInputStream(Arrays.copyOfRange(bytes, (int) at, to)), bytes.length,
                    reported::set);
            assertThat(at).isEqualTo(to);
            assertThat(store.received(upload)).isEqualTo(to);
            assertThat(reported.get()).isEqualTo(to);
        }
        assertThat(Arrays.equals(Files.readAllBytes(store.partFile(upload)), bytes)).isTrue();
    }

    @Test
    void bytes_past_the_limit_are_not_kept() throws Exception {
        BlobStore store = BlobStore.at(dir);
        UUID upload = UUID.randomUUID();
        store.append(upload, 0, new ByteArrayInputStream(bytes, 0, 5000), 6000, length -> { });
        assertThatThrownBy(() -> store.append(upload, 5000, new ByteArrayInputStream(bytes, 5000, 2000), 6000,
                length -> { })).isInstanceOf(BlobStore.TooLong.class);
        assertThat(Arrays.equals(Files.readAllBytes(store.partFile(upload)), Arrays.copyOf(bytes, 6000))).isTrue();
    }

    @Test
    void what_arrived_before_a_connection_broke_is_kept_and_the_upload_resumes_there() throws Exception {
        BlobStore store = BlobStore.at(dir);
        UUID upload = UUID.randomUUID();
        int breaksAt = MIB + 777;
        assertThatThrownBy(() -> store.append(upload, 0, breakingAfter(breaksAt), bytes.length, length -> { }))
                .isInstanceOf(IOException.class);
        assertThat(store.received(upload)).isEqualTo(breaksAt);
        store.append(upload, breaksAt, new ByteArrayInputStream(bytes, breaksAt, bytes.length - breaksAt),
                bytes.length, length -> { });
        assertThat(Arrays.equals(Files.readAllBytes(store.partFile(upload)), bytes)).isTrue();
    }

    @Test
    void a_follower_reads_every_byte_of_an_upload_as_it_is_appended() throws Exception {
        BlobStore store = BlobStore.at(dir);
        UUID upload = UUID.randomUUID();
        store.append(upload, 0, new ByteArrayInputStream(bytes, 0, 10_000), bytes.length, length -> { });
        try (GrowingFileInput follower = new GrowingFileInput(store.partFile(upload), 10_000, bytes.length,
                Duration.ofSeconds(10))) {
            var read = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    return follower.readAllBytes();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            long at = store.append(upload, 10_000, new ByteArrayInputStream(bytes, 10_000, 2 * MIB),
                    bytes.length, follower::wrote);
            store.append(upload, at, new ByteArrayInputStream(bytes, (int) at, bytes.length - (int) at), bytes.length,
                    follower::wrote);
            assertThat(Arrays.equals(read.get(10, java.util.concurrent.TimeUnit.SECONDS), bytes)).isTrue();
            assertThat(follower.readToTheEnd()).isTrue();
        }
    }

    @Test
    void a_discarded_upload_has_no_file_at_once_and_its_bytes_are_deleted_soon_after() throws Exception {
        BlobStore store = BlobStore.at(dir);
        UUID upload = UUID.randomUUID();
        store.append(upload, 0, new ByteArrayInputStream(bytes), bytes.length, length -> { });
        store.discard(upload);
        assertThat(store.partFile(upload)).doesNotExist();
        assertThat(store.received(upload)).isZero();
        Path discarded = dir.resolve("discarded");
        for (int i = 0; i < 100 && files(discarded) > 0; i++) {
            Thread.sleep(50);
        }
        assertThat(files(discarded)).isZero();
        store.discard(upload); // again: nothing to do
    }

    @Test
    void discarded_files_that_a_stop_left_behind_are_deleted_with_the_orphans() throws Exception {
        BlobStore store = BlobStore.at(dir);
        Files.createDirectories(dir.resolve("discarded"));
        Files.write(dir.resolve("discarded").resolve(UUID.randomUUID() + ".part"), bytes);
        assertThat(store.deleteOrphans(sha256 -> true, java.util.Set.of(), Duration.ofHours(1))).isEqualTo(1);
        assertThat(files(dir.resolve("discarded"))).isZero();
    }

    @Test
    void a_long_append_confirms_the_length_on_disk_at_least_every_64_mib_before_it_ends() throws Exception {
        BlobStore store = BlobStore.at(dir);
        UUID upload = UUID.randomUUID();
        long sent = 70L * MIB;
        CountDownLatch connectionBreaks = new CountDownLatch(1);
        BlockingQueue<Long> checkpoints = new LinkedBlockingQueue<>();
        CompletableFuture<Long> append = CompletableFuture.supplyAsync(() -> {
            try {
                return store.append(upload, 0, StallingInput.after(sent, connectionBreaks), 300L * MIB, length -> { },
                        checkpoints::add);
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        });
        long checkpoint = 0;
        while (checkpoint < 64L * MIB) {
            Long next = checkpoints.poll(60, TimeUnit.SECONDS);
            assertThat(next).as("a checkpoint").isNotNull();
            checkpoint = next;
        }
        assertThat(append).isNotDone(); // the body stalls: nothing ended the append
        assertThat(checkpoint).isBetween(64L * MIB, sent);
        assertThat(store.received(upload)).isGreaterThanOrEqualTo(checkpoint);

        connectionBreaks.countDown();
        assertThatThrownBy(append::join).hasCauseInstanceOf(IOException.class);
        assertThat(store.received(upload)).isEqualTo(sent); // synced when the append ended
    }

    @Test
    void when_an_fsync_fails_the_file_goes_back_to_the_last_length_on_disk() throws Exception {
        UUID upload = UUID.randomUUID();
        BlobStore.at(dir).append(upload, 0, StallingInput.after(5L * MIB, null), 300L * MIB, length -> { });
        AtomicInteger syncs = new AtomicInteger();
        BlobStore failingAfterOne = new BlobStore(dir, file -> {
            if (syncs.incrementAndGet() > 1) {
                throw new IOException("EIO");
            }
            file.force(false);
        });
        List<Long> checkpoints = new CopyOnWriteArrayList<>();
        assertThatThrownBy(() -> failingAfterOne.append(upload, 5L * MIB, StallingInput.after(100L * MIB, null), 300L * MIB,
                length -> { }, checkpoints::add)).isInstanceOf(IOException.class);
        assertThat(checkpoints).hasSize(1);
        assertThat(failingAfterOne.received(upload)).isEqualTo(checkpoints.get(0)).isGreaterThan(5L * MIB);

        BlobStore failing = new BlobStore(dir, file -> {
            throw new IOException("EIO");
        });
        long held = failing.received(upload);
        assertThatThrownBy(() -> failing.append(upload, held, StallingInput.after(MIB, null), 300L * MIB, length -> { }))
                .isInstanceOf(IOException.class);
        assertThat(failing.received(upload)).isEqualTo(held); // nothing of that append is confirmed
    }

    private static long files(Path directory) throws IOException {
        try (var list = Files.list(directory)) {
            return list.count();
        }
    }

    /** The first {@code count} bytes, in pieces of at most 5000, then a broken connection. */
    private InputStream breakingAfter(int count) {
        return new FilterInputStream(new ByteArrayInputStream(bytes, 0, count)) {
            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int read = super.read(buffer, offset, Math.min(length, 5000));
                if (read < 0) {
                    throw new IOException("connection reset");
                }
                return read;
            }
        };
    }

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new Random(11).nextBytes(bytes);
        return bytes;
    }
}
