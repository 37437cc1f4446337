package org.tenderhall.bid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tenderhall.DemoPki;
import org.tenderhall.bid.store.BidUpload;
import org.tenderhall.platform.problem.Rejection;
import org.tenderhall.seal.BidBinding;
import org.tenderhall.seal.EnvelopeInspector;
import org.tenderhall.seal.Inspection;
import org.tenderhall.storage.BlobStore;

/**
 * An upload's envelope is inspected while it arrives, across dropped connections and pauses, and the commit takes
 * that inspection; whenever the follower could not read every byte, the commit inspects the file itself, with the
 * same result.
 */
class UploadInspectionsTest {

    private static SealedBids.Sealed bid;

    @TempDir
    Path dir;

    private UploadInspections inspections;
    private BlobStore store;

    @BeforeAll
    static void seal() {
        bid = SealedBids.seal("bidder1", new BidBinding(UUID.randomUUID().toString(), "1", "91350200B000000431"),
                DemoPki.load("opening-demo").certificate(), SealedBids.bidPackage("{}", 3_000_000));
    }

    private void start(int slots, Duration idle) {
        store = BlobStore.at(dir);
        inspections = new UploadInspections(slots, idle);
        inspections.store = store;
        inspections.start();
    }

    @AfterEach
    void stop() {
        inspections.stop();
    }

    private BidUpload upload(byte[] envelope) {
        BidUpload upload = new BidUpload();
        upload.id = UUID.randomUUID();
        upload.declaredSize = envelope.length;
        upload.signature = bid.signature();
        return upload;
    }

    /** Appends {@code envelope[from, to)} as a PATCH would, telling the follower. */
    private long append(BidUpload upload, byte[] envelope, int from, int to) throws Exception {
        long length = store.append(upload.id, from, new ByteArrayInputStream(Arrays.copyOfRange(envelope, from, to)),
                upload.declaredSize, inspections.follow(upload, from));
        inspections.appended(upload.id);
        return length;
    }

    /** The whole envelope appended in one piece, and its follower's inspection ended. */
    private BidUpload uploadedAndFollowed(byte[] envelope) throws Exception {
        start(4, Duration.ofSeconds(30));
        BidUpload upload = upload(envelope);
        append(upload, envelope, 0, envelope.length);
        awaitFollower(upload);
        return upload;
    }

    private void awaitFollower(BidUpload upload) throws InterruptedException {
        for (int i = 0; i < 500 && !inspections.finished(upload.id); i++) {
            Thread.sleep(20);
        }
        assertThat(inspections.finished(upload.id)).as("the follower ended").isTrue();
    }

    private static byte[] damaged(byte[] envelope) {
        byte[] damaged = envelope.clone();
        damaged[damaged.length / 2] ^= 0x01;
        return damaged;
    }

    private Inspection byReadingTheFile(BidUpload upload) throws Exception {
        return EnvelopeInspector.inspect(store.partFile(upload.id), upload.signature);
    }

    private static void assertSame(Inspection followed, Inspection read) {
        assertThat(followed.envelopeSha256()).isEqualTo(read.envelopeSha256());
        assertThat(followed.envelopeSize()).isEqualTo(read.envelopeSize());
        assertThat(followed.signer()).isEqualTo(read.signer());
        assertThat(followed.recipients()).hasSameSizeAs(read.recipients());
        assertThat(followed.profile()).isEqualTo(read.profile());
    }

    @Test
    void an_upload_sent_in_pieces_is_inspected_as_it_arrives() throws Exception {
        start(4, Duration.ofSeconds(30));
        byte[] envelope = bid.envelope();
        BidUpload upload = upload(envelope);
        int third = envelope.length / 3;
        append(upload, envelope, 0, third);
        assertThat(inspections.following(upload.id)).isTrue();
        append(upload, envelope, third, 2 * third);
        append(upload, envelope, 2 * third, envelope.length);

        Inspection followed = inspections.inspect(upload);

        assertSame(followed, byReadingTheFile(upload));
        assertThat(followed.envelopeSha256()).isEqualTo(BlobStore.sha256(store.partFile(upload.id)));
        assertThat(inspections.following(upload.id)).as("taken by the commit").isFalse();
    }

    @Test
    void a_dropped_connection_leaves_the_follower_waiting_for_the_resumed_bytes() throws Exception {
        start(4, Duration.ofSeconds(30));
        byte[] envelope = bid.envelope();
        BidUpload upload = upload(envelope);
        InputStream dropping = new InputStream() {
            private final InputStream bytes = new ByteArrayInputStream(envelope, 0, 1_000_000);

            @Override
            public int read() throws IOException {
                int b = bytes.read();
                if (b < 0) {
                    throw new IOException("connection reset");
                }
                return b;
            }
        };
        assertThatThrownBy(() -> store.append(upload.id, 0, dropping, upload.declaredSize,
                inspections.follow(upload, 0))).hasMessageContaining("connection reset");
        inspections.appended(upload.id);
        long held = store.received(upload.id);
        assertThat(held).isEqualTo(1_000_000);

        append(upload, envelope, (int) held, envelope.length);

        assertThat(inspections.following(upload.id)).isTrue();
        assertSame(inspections.inspect(upload), byReadingTheFile(upload));
    }

    @Test
    void a_follower_left_idle_gives_way_to_one_that_reads_the_held_bytes_first() throws Exception {
        start(4, Duration.ofMillis(200));
        byte[] envelope = bid.envelope();
        BidUpload upload = upload(envelope);
        append(upload, envelope, 0, 500_000);
        Thread.sleep(600);
        assertThat(inspections.following(upload.id)).as("gave up waiting").isFalse();

        append(upload, envelope, 500_000, envelope.length);

        assertThat(inspections.following(upload.id)).isTrue();
        assertSame(inspections.inspect(upload), byReadingTheFile(upload));
    }

    @Test
    void without_a_free_follower_the_commit_reads_the_file() throws Exception {
        start(0, Duration.ofSeconds(30));
        byte[] envelope = bid.envelope();
        BidUpload upload = upload(envelope);
        append(upload, envelope, 0, envelope.length);

        assertThat(inspections.following(upload.id)).isFalse();
        assertSame(inspections.inspect(upload), byReadingTheFile(upload));
    }

    @Test
    void a_damaged_envelope_is_refused_alike_whether_followed_or_read_at_commit() throws Exception {
        byte[] damaged = damaged(bid.envelope());
        for (int slots : new int[] {4, 0}) {
            start(slots, Duration.ofSeconds(30));
            BidUpload upload = upload(damaged);
            append(upload, damaged, 0, damaged.length);
            assertThat(inspections.following(upload.id)).isEqualTo(slots > 0);

            assertThatThrownBy(() -> inspections.inspect(upload)).isInstanceOfSatisfying(Rejection.class,
                    refused -> assertThat(refused.type()).isEqualTo(BidProblems.TAMPERED));
            inspections.stop();
        }
    }

    @Test
    void the_commit_takes_the_followers_inspection_and_does_not_read_the_file_again() throws Exception {
        byte[] envelope = bid.envelope();
        BidUpload upload = uploadedAndFollowed(envelope);
        String sha256 = BlobStore.sha256(store.partFile(upload.id));
        // The file's bytes change behind the platform's back, its modification time kept: only a commit that reads
        // the file again would notice.
        Path part = store.partFile(upload.id);
        var written = Files.getLastModifiedTime(part);
        Files.write(part, damaged(envelope));
        Files.setLastModifiedTime(part, written);

        assertThat(inspections.inspect(upload).envelopeSha256()).isEqualTo(sha256);
    }

    @Test
    void a_file_written_since_the_last_append_is_inspected_again_at_commit() throws Exception {
        byte[] envelope = bid.envelope();
        BidUpload upload = uploadedAndFollowed(envelope);
        Path part = store.partFile(upload.id);
        var written = Files.getLastModifiedTime(part);
        Files.write(part, damaged(envelope)); // as another process would
        Files.setLastModifiedTime(part, java.nio.file.attribute.FileTime.fromMillis(written.toMillis() + 1000));

        assertThatThrownBy(() -> inspections.inspect(upload)).isInstanceOfSatisfying(Rejection.class,
                refused -> assertThat(refused.type()).isEqualTo(BidProblems.TAMPERED));
    }

    @Test
    void bytes_sent_again_from_a_lower_offset_get_a_new_follower() throws Exception {
        byte[] envelope = bid.envelope();
        byte[] damaged = damaged(envelope);
        BidUpload upload = uploadedAndFollowed(envelope); // the platform failed to confirm these bytes, say

        append(upload, damaged, 1000, damaged.length);

        assertThat(BlobStore.sha256(store.partFile(upload.id))).isNotEqualTo(BlobStore.sha256(
                Files.write(dir.resolve("original"), envelope)));
        assertThatThrownBy(() -> inspections.inspect(upload)).isInstanceOfSatisfying(Rejection.class,
                refused -> assertThat(refused.type()).isEqualTo(BidProblems.TAMPERED));
    }

    @Test
    void a_forgotten_upload_has_no_follower() throws Exception {
        start(4, Duration.ofSeconds(30));
        byte[] envelope = bid.envelope();
        BidUpload upload = upload(envelope);
        append(upload, envelope, 0, 1000);

        inspections.forget(upload.id);

        assertThat(inspections.following(upload.id)).isFalse();
        Files.delete(store.partFile(upload.id));
    }
}
