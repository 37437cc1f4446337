package org.tenderhall.opening.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.tenderhall.kernel.Money;
import org.tenderhall.template.domain.FieldSpec;
import org.tenderhall.template.domain.FieldValues;

/**
 * What a bid declares for the opening to read out (唱标): its {@code manifest.json}, the first entry of the bid
 * package, checked against the tender's manifest fields and against the bid it came in. A manifest with problems
 * is still read out as declared; the problems are listed beside it for the evaluation.
 *
 * @param price    the declared price, when it is a valid amount
 * @param declared every declared figure as the bidder wrote it, without the binding fields
 * @param problems what is wrong, each with the figure it concerns; empty when nothing is
 */
public record DeclaredFigures(BigDecimal price, ObjectNode declared, List<String> problems) {

    /** The manifest must lie within the first this-many bytes of the package. */
    public static final int HEAD = 1 << 20;
    private static final int MAX_MANIFEST = 64 * 1024;
    private static final String FILE = "manifest.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @param packageHead the first {@link #HEAD} bytes of the package (fewer when the package is shorter)
     * @param fields      the tender's manifest fields
     */
    public static DeclaredFigures read(byte[] packageHead, List<FieldSpec> fields, String tenderId, String lot,
            String bidder) {
        ObjectNode manifest;
        try {
            manifest = manifest(packageHead);
        } catch (IOException | RuntimeException e) {
            return new DeclaredFigures(null, JSON.createObjectNode(), List.of(FILE + ": " + e.getMessage()));
        }
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, String> binding : Map.of("tenderId", tenderId, "lot", lot, "bidder", bidder).entrySet()) {
            JsonNode given = manifest.remove(binding.getKey());
            if (given == null || !binding.getValue().equals(given.asText())) {
                problems.add(binding.getKey() + ": the manifest says " + (given == null ? "nothing" : "'" + given.asText()
                        + "'") + ", the bid is for '" + binding.getValue() + "'");
            }
        }
        FieldValues.Checked checked = FieldValues.check(fields, manifest);
        checked.errors().forEach(e -> problems.add(e.field().replaceFirst("^values\\.", "") + ": " + e.message()));
        Object price = checked.values().get("price");
        return new DeclaredFigures(price instanceof Money money ? money.amount() : null, manifest, List.copyOf(problems));
    }

    private static ObjectNode manifest(byte[] packageHead) throws IOException {
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(packageHead))) {
            ZipEntry first = zip.getNextEntry();
            if (first == null || !FILE.equals(first.getName())) {
                throw new IOException("the package does not start with " + FILE);
            }
            byte[] bytes = zip.readNBytes(MAX_MANIFEST + 1);
            if (bytes.length > MAX_MANIFEST) {
                throw new IOException("longer than " + MAX_MANIFEST + " bytes");
            }
            JsonNode json = JSON.readTree(bytes);
            if (json == null || !json.isObject()) {
                throw new IOException("not a JSON object");
            }
            return (ObjectNode) json;
        }
    }
}
