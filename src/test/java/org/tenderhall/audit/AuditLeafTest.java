package org.tenderhall.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditLeafTest {

    @Test
    void canonical_event_has_every_field_sorted_with_millisecond_utc_time() {
        String event = AuditLeaf.canonicalEvent(7, Instant.parse("2026-11-22T06:30:00.123456Z"), "admin", "admin",
                "91350200T00000018P", "OrganisationRegistered", "organisation:91350200B000000431", "req-1",
                "ab".repeat(32));
        assertThat(event).isEqualTo("{\"action\":\"OrganisationRegistered\",\"actor\":\"admin\",\"dataSha256\":\""
                + "ab".repeat(32) + "\",\"organisation\":\"91350200T00000018P\",\"recordedAt\":\"2026-11-22T06:30:00.123Z\","
                + "\"requestId\":\"req-1\",\"role\":\"admin\",\"seq\":7,\"subject\":\"organisation:91350200B000000431\",\"v\":1}");
    }

    @Test
    void leaf_hash_is_sha256_of_a_zero_byte_then_the_event_as_openssl_computes_it(@TempDir Path dir) throws Exception {
        String event = "{\"action\":\"AccountCreated\",\"actor\":\"\u7cfb\u7edf\"}";
        Path leaf = dir.resolve("leaf.bin");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(0);
        bytes.write(event.getBytes(StandardCharsets.UTF_8));
        Files.write(leaf, bytes.toByteArray());

        Process openssl = new ProcessBuilder("openssl", "dgst", "-sha256", "-r", leaf.toString()).start();
        String reference = new String(openssl.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).split(" ")[0];
        assertThat(openssl.waitFor()).isZero();

        assertThat(HexFormat.of().formatHex(AuditLeaf.leafHash(event))).isEqualTo(reference);
    }

    @Test
    void leaf_hash_of_the_empty_event_is_the_rfc_6962_empty_leaf() {
        // SHA-256 of the single byte 0x00 (RFC 6962 leaf of an empty entry).
        assertThat(HexFormat.of().formatHex(AuditLeaf.leafHash("")))
                .isEqualTo("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d");
    }
}
