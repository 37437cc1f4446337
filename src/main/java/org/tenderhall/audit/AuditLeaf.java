package org.tenderhall.audit;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

/**
 * The bytes of an audit event as a leaf of the Merkle log, and their hash. The canonical event is the RFC 8785
 * JSON of the event's fields (format version {@code v}); the leaf hash is SHA-256(0x00 || those bytes), as
 * RFC 6962 section 2.1 defines it.
 */
public final class AuditLeaf {

    public static final int FORMAT_VERSION = 1;

    private AuditLeaf() {
    }

    /** The canonical bytes of an event; {@code recordedAt} is written in UTC with millisecond precision. */
    public static String canonicalEvent(long seq, Instant recordedAt, String actor, String role, String organisation,
            String action, String subject, String requestId, String dataSha256) {
        ObjectNode event = JsonNodeFactory.instance.objectNode();
        event.put("v", FORMAT_VERSION);
        event.put("seq", seq);
        event.put("recordedAt", DateTimeFormatter.ISO_INSTANT.format(recordedAt.truncatedTo(ChronoUnit.MILLIS)));
        event.put("actor", actor);
        event.put("role", role);
        event.put("organisation", organisation);
        event.put("action", action);
        event.put("subject", subject);
        event.put("requestId", requestId);
        event.put("dataSha256", dataSha256);
        return CanonicalJson.of(event);
    }

    public static byte[] leafHash(String canonicalEvent) {
        MessageDigest sha256 = sha256();
        sha256.update((byte) 0x00);
        return sha256.digest(canonicalEvent.getBytes(StandardCharsets.UTF_8));
    }

    public static String sha256Hex(String text) {
        return HexFormat.of().formatHex(sha256().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
