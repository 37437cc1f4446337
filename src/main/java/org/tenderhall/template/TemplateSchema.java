package org.tenderhall.template;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.tenderhall.template.domain.FieldSpec;

/**
 * A template's fields as a JSON Schema (draft 2020-12) of the {@code values} object, so that a client can build
 * its form. Money and percentages are strings (a JSON number would lose cents); the platform's own checks
 * ({@code FieldValues}) remain the authority, for example for the credit code's check character.
 */
public final class TemplateSchema {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final String DECIMAL = "^-?[0-9]+(\\.[0-9]{1,2})?$";

    private TemplateSchema() {
    }

    public static ObjectNode of(String id, String title, List<FieldSpec> fields) {
        ObjectNode schema = JSON.objectNode();
        schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        schema.put("$id", id);
        schema.put("title", title);
        schema.put("type", "object");
        schema.put("additionalProperties", false);
        ObjectNode properties = schema.putObject("properties");
        ArrayNode required = schema.putArray("required");
        for (FieldSpec field : fields) {
            properties.set(field.name(), property(field));
            if (field.required()) {
                required.add(field.name());
            }
        }
        return schema;
    }

    private static ObjectNode property(FieldSpec field) {
        ObjectNode property = JSON.objectNode();
        property.put("title", field.label());
        property.put("x-tenderhall-type", field.type().name().toLowerCase());
        switch (field.type()) {
            case TEXT, LONG_TEXT -> {
                property.put("type", "string");
                property.put("maxLength", field.maxLength() != null ? field.maxLength()
                        : field.type() == org.tenderhall.template.domain.FieldType.TEXT ? 500 : 20_000);
                if (field.pattern() != null) {
                    property.put("pattern", "^(?:" + field.pattern() + ")$");
                }
            }
            case MONEY, PERCENTAGE -> {
                property.put("type", "string");
                property.put("pattern", DECIMAL);
                bounds(field, property, "x-minimum", "x-maximum");
            }
            case INTEGER, DURATION_DAYS -> {
                property.put("type", "integer");
                if (field.min() != null) {
                    property.put("minimum", field.min());
                } else if (field.type() == org.tenderhall.template.domain.FieldType.DURATION_DAYS) {
                    property.put("minimum", 1);
                }
                if (field.max() != null) {
                    property.put("maximum", field.max());
                }
            }
            case DATE -> {
                property.put("type", "string");
                property.put("format", "date");
            }
            case DATE_TIME -> {
                property.put("type", "string");
                property.put("format", "date-time");
            }
            case ENUMERATION -> {
                property.put("type", "string");
                ArrayNode options = property.putArray("enum");
                field.options().forEach(options::add);
            }
            case CREDIT_CODE -> {
                property.put("type", "string");
                property.put("pattern", "^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$");
            }
            case QUALIFICATIONS -> {
                property.put("type", "array");
                property.putObject("items").put("type", "string").put("minLength", 1);
                if (field.required()) {
                    property.put("minItems", 1);
                }
            }
        }
        return property;
    }

    /** Bounds on decimal strings cannot be JSON Schema keywords; they are given as annotations. */
    private static void bounds(FieldSpec field, ObjectNode property, String min, String max) {
        if (field.min() != null) {
            property.put(min, field.min().toPlainString());
        }
        if (field.max() != null) {
            property.put(max, field.max().toPlainString());
        }
    }
}
