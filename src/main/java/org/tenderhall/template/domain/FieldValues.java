package org.tenderhall.template.domain;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.tenderhall.kernel.CreditCode;
import org.tenderhall.kernel.FieldError;
import org.tenderhall.kernel.Money;

/**
 * Checks the values an agent submits against a template's fields and turns them into typed values: money as
 * {@link Money}, date-times as {@link Instant}, and so on. Every violation is reported at once, with its field path.
 */
public final class FieldValues {

    /** The typed values of the fields that were given, in the template's order, and what is wrong. */
    public record Checked(Map<String, Object> values, List<FieldError> errors) {
        public boolean valid() {
            return errors.isEmpty();
        }
    }

    /**
     * Text the platform stores and prints: no control characters but tab and line breaks (XML and PostgreSQL
     * refuse them) and no lone UTF-16 surrogates. A regular expression, for Bean Validation too.
     */
    /** The message of a text that breaks {@link #PRINTABLE}. */
    public static final String NOT_PRINTABLE = "must not contain control characters";

    public static final String PRINTABLE = "[^\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F\\p{Cs}]*";

    private static final Pattern PRINTABLE_TEXT = Pattern.compile(PRINTABLE);
    /** A decimal as a plain string: up to 15 digits before the point, at most two after. No exponent. */
    private static final Pattern DECIMAL = Pattern.compile("-?[0-9]{1,15}(\\.[0-9]{1,2})?");

    private FieldValues() {
    }

    public static boolean printable(String text) {
        return PRINTABLE_TEXT.matcher(text).matches();
    }

    public static Checked check(List<FieldSpec> fields, JsonNode submitted) {
        Map<String, Object> values = new LinkedHashMap<>();
        List<FieldError> errors = new ArrayList<>();
        if (submitted == null || !submitted.isObject()) {
            errors.add(new FieldError("values", "must be an object of field values"));
            return new Checked(values, errors);
        }
        Map<String, FieldSpec> byName = new LinkedHashMap<>();
        fields.forEach(f -> byName.put(f.name(), f));
        for (Iterator<String> names = submitted.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!byName.containsKey(name)) {
                errors.add(new FieldError("values." + name, "is not a field of this template"));
            }
        }
        for (FieldSpec field : fields) {
            JsonNode value = submitted.get(field.name());
            String path = "values." + field.name();
            if (value == null || value.isNull() || (value.isTextual() && value.asText().isBlank())) {
                if (field.required()) {
                    errors.add(new FieldError(path, "is required (" + field.label() + ")"));
                }
                continue;
            }
            Object typed = typed(field, value, path, errors);
            if (typed != null) {
                values.put(field.name(), typed);
            }
        }
        return new Checked(values, errors);
    }

    private static Object typed(FieldSpec field, JsonNode value, String path, List<FieldError> errors) {
        int before = errors.size();
        Object typed = switch (field.type()) {
            case TEXT, LONG_TEXT -> text(field, value, path, errors);
            case MONEY -> decimal(field, value, path, errors, "a decimal string such as \"12345.67\"")
                    instanceof BigDecimal amount ? new Money(amount, Money.CNY) : null;
            case PERCENTAGE -> percentage(field, value, path, errors);
            case INTEGER, DURATION_DAYS -> integer(field, value, path, errors);
            case DATE -> parsed(value, path, errors, "a date such as \"2027-01-10\"", LocalDate::parse);
            case DATE_TIME -> parsed(value, path, errors, "a date and time with offset such as \"2027-01-10T10:00:00+08:00\"",
                    s -> OffsetDateTime.parse(s).toInstant());
            case ENUMERATION -> option(field, value, path, errors);
            case CREDIT_CODE -> creditCode(value, path, errors);
            case QUALIFICATIONS -> qualifications(field, value, path, errors);
        };
        return errors.size() == before ? typed : null;
    }

    private static String text(FieldSpec field, JsonNode value, String path, List<FieldError> errors) {
        if (!value.isTextual()) {
            errors.add(new FieldError(path, "must be text"));
            return null;
        }
        String text = value.asText().strip();
        if (!printable(text)) {
            errors.add(new FieldError(path, "must not contain control characters"));
            return null;
        }
        int limit = field.maxLength() != null ? field.maxLength() : field.type() == FieldType.TEXT ? 500 : 20_000;
        if (text.length() > limit) {
            errors.add(new FieldError(path, "must be at most " + limit + " characters"));
        }
        if (field.pattern() != null && !Pattern.matches(field.pattern(), text)) {
            errors.add(new FieldError(path, "must match " + field.pattern()));
        }
        return text;
    }

    private static Object decimal(FieldSpec field, JsonNode value, String path, List<FieldError> errors, String form) {
        if (!value.isTextual()) {
            errors.add(new FieldError(path, "must be " + form + " (a string: never a JSON number, which loses cents)"));
            return null;
        }
        String text = value.asText();
        if (!DECIMAL.matcher(text).matches()) {
            errors.add(new FieldError(path, text.matches("-?[0-9]+\\.[0-9]{3,}")
                    ? "must have at most two decimal places" : "must be " + form + ", with at most 15 digits before"
                            + " the point and two after"));
            return null;
        }
        BigDecimal amount = new BigDecimal(text);
        bounds(field, amount, path, errors);
        return amount;
    }

    private static BigDecimal percentage(FieldSpec field, JsonNode value, String path, List<FieldError> errors) {
        Object parsed = decimal(field, value, path, errors, "a percentage string such as \"2.50\"");
        if (parsed instanceof BigDecimal percent && (percent.signum() < 0 || percent.compareTo(BigDecimal.valueOf(100)) > 0)) {
            errors.add(new FieldError(path, "must be between 0 and 100"));
        }
        return parsed instanceof BigDecimal percent ? percent : null;
    }

    private static Long integer(FieldSpec field, JsonNode value, String path, List<FieldError> errors) {
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            errors.add(new FieldError(path, "must be a whole number"));
            return null;
        }
        long number = value.asLong();
        if (field.type() == FieldType.DURATION_DAYS && number < 1) {
            errors.add(new FieldError(path, "must be at least one day"));
        }
        bounds(field, BigDecimal.valueOf(number), path, errors);
        return number;
    }

    private static void bounds(FieldSpec field, BigDecimal number, String path, List<FieldError> errors) {
        if (field.min() != null && number.compareTo(field.min()) < 0) {
            errors.add(new FieldError(path, "must be at least " + field.min().toPlainString()));
        }
        if (field.max() != null && number.compareTo(field.max()) > 0) {
            errors.add(new FieldError(path, "must be at most " + field.max().toPlainString()));
        }
    }

    private interface Parser {
        Object parse(String text);
    }

    private static Object parsed(JsonNode value, String path, List<FieldError> errors, String form, Parser parser) {
        if (!value.isTextual()) {
            errors.add(new FieldError(path, "must be " + form));
            return null;
        }
        try {
            return parser.parse(value.asText().strip());
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(path, "must be " + form));
            return null;
        }
    }

    private static String option(FieldSpec field, JsonNode value, String path, List<FieldError> errors) {
        if (!value.isTextual() || !field.options().contains(value.asText())) {
            errors.add(new FieldError(path, "must be one of " + String.join(", ", field.options())));
            return null;
        }
        return value.asText();
    }

    private static String creditCode(JsonNode value, String path, List<FieldError> errors) {
        String problem = value.isTextual() ? CreditCode.problem(value.asText()).orElse(null) : "must be text";
        if (problem != null) {
            errors.add(new FieldError(path, "is not a valid unified social credit code: " + problem));
            return null;
        }
        return value.asText();
    }

    private static List<String> qualifications(FieldSpec field, JsonNode value, String path, List<FieldError> errors) {
        if (!value.isArray()) {
            errors.add(new FieldError(path, "must be a list of qualification requirements"));
            return null;
        }
        List<String> items = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            if (!item.isTextual() || item.asText().isBlank() || !printable(item.asText())) {
                errors.add(new FieldError(path + "[" + i + "]", "must be a requirement in words"));
            } else {
                items.add(item.asText().strip());
            }
        }
        if (field.required() && value.isEmpty()) {
            errors.add(new FieldError(path, "must list at least one requirement"));
        }
        return items;
    }
}
