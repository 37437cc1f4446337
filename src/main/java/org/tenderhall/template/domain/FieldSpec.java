package org.tenderhall.template.domain;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * One field of a template: its name (the JSON key), its label on forms and in the document, its type, whether
 * it is required, and the bounds that apply to its type ({@code min}/{@code max} for numbers and days,
 * {@code maxLength} for text, {@code pattern} for text, {@code options} for enumerations).
 */
public record FieldSpec(String name, String label, FieldType type, boolean required, BigDecimal min, BigDecimal max,
        Integer maxLength, String pattern, List<String> options) {

    public FieldSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(type, "type");
        options = options == null ? List.of() : List.copyOf(options);
        if (type == FieldType.ENUMERATION && options.isEmpty()) {
            throw new IllegalArgumentException("enumeration field " + name + " needs options");
        }
    }

    public static FieldSpec of(String name, String label, FieldType type, boolean required) {
        return new FieldSpec(name, label, type, required, null, null, null, null, null);
    }
}
