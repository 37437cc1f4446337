package org.tenderhall.bid.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.UUID;
import org.tenderhall.bid.store.Receipt;

/**
 * A receipt as the API gives it: the signed facts, and the three parts that prove them, base64: {@code content}
 * (the exact bytes signed, canonical JSON), {@code signature} (detached CMS, DER) and {@code timestamp} (RFC 3161
 * token, DER). The same parts download raw from the {@code href}s.
 */
public record ReceiptView(UUID id, JsonNode facts, String content, String signature, String timestamp, String json,
        String p7s, String tst) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static ReceiptView of(Receipt receipt) {
        Base64.Encoder base64 = Base64.getEncoder();
        String base = "/api/receipts/" + receipt.id;
        try {
            return new ReceiptView(receipt.id, JSON.readTree(receipt.content), base64.encodeToString(receipt.content),
                    base64.encodeToString(receipt.signature), base64.encodeToString(receipt.timestamp),
                    base + "/receipt.json", base + "/receipt.p7s", base + "/receipt.tst");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
