package org.tenderhall.template.domain;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A typed tender-document template (电子招标文件范本) of one family: the fields an agent fills in (the platform's
 * common fields first, then the family's own), the family's cross-field rules, the evaluation method, the bid
 * manifest each bidder declares for the opening, the document body (Qute XHTML) and realistic example values.
 */
public record Template(String code, int version, String name, String description, List<FieldSpec> fields,
        List<CrossFieldRule> rules, Evaluation evaluation, List<FieldSpec> manifest, String documentBody,
        JsonNode example, String openingCustody) {

    /** The custodies a template may give its tenders' opening keys by default (the opening capability's). */
    public static final List<String> OPENING_CUSTODIES = List.of("scheduled", "dual_control", "bidder_decrypts");

    public Template {
        Objects.requireNonNull(code, "code");
        fields = List.copyOf(fields);
        rules = List.copyOf(rules);
        manifest = List.copyOf(manifest);
        Objects.requireNonNull(example, "example");
    }

    public Map<String, FieldSpec> fieldsByName() {
        Map<String, FieldSpec> byName = new LinkedHashMap<>();
        fields.forEach(f -> byName.put(f.name(), f));
        return byName;
    }

    public Optional<FieldSpec> field(String name) {
        return fields.stream().filter(f -> f.name().equals(name)).findFirst();
    }
}
