package org.tenderhall.seal;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.HexFormat;

/**
 * What a bidder hands in at an opening in bidder-decrypts custody, as JSON: the tender, the SHA-256 of its
 * envelope (which bid the key is for), and the content key (hex). It travels encrypted to the opening's transport
 * certificate.
 */
public record ContentKeyDocument(String kind, String tenderId, String envelopeSha256, String key) {

    public static final String KIND = "tenderhall-content-key";
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public static ContentKeyDocument of(String tenderId, String envelopeSha256, byte[] key) {
        return new ContentKeyDocument(KIND, tenderId, envelopeSha256, HexFormat.of().formatHex(key));
    }

    public byte[] bytes() {
        try {
            return JSON.writeValueAsBytes(this);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @throws IllegalArgumentException when the bytes are not a content-key document */
    public static ContentKeyDocument parse(byte[] bytes) {
        try {
            ContentKeyDocument document = JSON.readValue(bytes, ContentKeyDocument.class);
            if (!KIND.equals(document.kind()) || document.tenderId() == null || document.envelopeSha256() == null
                    || document.key() == null) {
                throw new IllegalArgumentException("not a content key of a bid");
            }
            try {
                HexFormat.of().parseHex(document.key());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("not a content key of a bid: the key is not hexadecimal", e);
            }
            return document;
        } catch (IOException e) {
            // The hand-in quotes this to the bidder: Jackson's own text names classes and positions.
            throw new IllegalArgumentException("not a content key of a bid: not the JSON of {\"kind\", \"tenderId\","
                    + " \"envelopeSha256\", \"key\"}", e);
        }
    }

    public byte[] keyBytes() {
        return HexFormat.of().parseHex(key);
    }
}
