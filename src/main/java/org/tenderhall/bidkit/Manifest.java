package org.tenderhall.bidkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A bid's {@code manifest.json}: what the opening reads out. Tender, lot and bidder bind the bid; the price is
 * always declared; the tender's template may ask for more fields, which are carried as they are.
 */
record Manifest(String tenderId, String lot, String bidder, BigDecimal price) {

    static final String FILE = "manifest.json";

    static Manifest read(Path folder) throws BidkitException {
        Path file = folder.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw new BidkitException("The folder " + folder + " has no " + FILE + ": write one with at least"
                    + " tenderId, lot, bidder (your organisation's credit code) and price");
        }
        JsonNode json;
        try {
            json = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new BidkitException(file + " is not valid JSON: " + e.getMessage());
        }
        List<String> missing = new ArrayList<>();
        for (String field : List.of("tenderId", "lot", "bidder", "price")) {
            if (!json.path(field).isTextual() || json.path(field).asText().isBlank()) {
                missing.add(field);
            }
        }
        if (!missing.isEmpty()) {
            throw new BidkitException(file + " lacks " + String.join(", ", missing)
                    + " (each a JSON string; the price as a decimal string such as \"12345678.90\")");
        }
        BigDecimal price;
        try {
            price = new BigDecimal(json.path("price").asText());
        } catch (NumberFormatException e) {
            throw new BidkitException(file + ": price '" + json.path("price").asText() + "' is not a decimal number");
        }
        return new Manifest(json.path("tenderId").asText(), json.path("lot").asText(), json.path("bidder").asText(), price);
    }
}
