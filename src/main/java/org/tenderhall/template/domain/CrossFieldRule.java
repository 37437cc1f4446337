package org.tenderhall.template.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.tenderhall.kernel.FieldError;
import org.tenderhall.kernel.Money;

/**
 * A rule of a template family that relates two or three of its fields, declared in the template file:
 * <ul>
 * <li>{@code before}: the date (or date-time) {@code field} is earlier than {@code other};</li>
 * <li>{@code at_most_share_of}: the amount {@code field} is at most {@code percent}% of the amount {@code other};</li>
 * <li>{@code days_within}: the number of days {@code field} is at most the calendar days from {@code other} to
 * {@code until}, both included.</li>
 * </ul>
 * A rule whose fields are not all given is not checked: the fields' own {@code required} says whether they must be.
 */
public record CrossFieldRule(Kind kind, String field, String other, String until, BigDecimal percent) {

    public enum Kind {
        BEFORE, AT_MOST_SHARE_OF, DAYS_WITHIN
    }

    public CrossFieldRule {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(other, "other");
    }

    /** What is wrong with the rule itself, given the template's fields by name; empty when it can be checked. */
    public List<String> problems(Map<String, FieldSpec> fields) {
        List<String> problems = new ArrayList<>();
        switch (kind) {
            case BEFORE -> {
                requireType(fields, field, problems, FieldType.DATE, FieldType.DATE_TIME);
                requireType(fields, other, problems, FieldType.DATE, FieldType.DATE_TIME);
                if (fields.containsKey(field) && fields.containsKey(other)
                        && fields.get(field).type() != fields.get(other).type()) {
                    problems.add("before: " + field + " and " + other + " must have the same type");
                }
            }
            case AT_MOST_SHARE_OF -> {
                requireType(fields, field, problems, FieldType.MONEY);
                requireType(fields, other, problems, FieldType.MONEY);
                if (percent == null || percent.signum() <= 0 || percent.compareTo(BigDecimal.valueOf(100)) > 0) {
                    problems.add("at_most_share_of " + field + ": percent must be above 0 and at most 100");
                }
            }
            case DAYS_WITHIN -> {
                requireType(fields, field, problems, FieldType.DURATION_DAYS, FieldType.INTEGER);
                requireType(fields, other, problems, FieldType.DATE);
                if (until == null) {
                    problems.add("days_within " + field + ": needs until");
                } else {
                    requireType(fields, until, problems, FieldType.DATE);
                }
            }
        }
        return problems;
    }

    private static void requireType(Map<String, FieldSpec> fields, String name, List<String> problems,
            FieldType... types) {
        FieldSpec spec = fields.get(name);
        if (spec == null) {
            problems.add("the rule names " + name + ", which is not a field of the template");
        } else if (!List.of(types).contains(spec.type())) {
            problems.add("the rule needs " + name + " to be " + List.of(types) + ", not " + spec.type());
        }
    }

    /** The violation, if the checked values break this rule. */
    public List<FieldError> check(Map<String, Object> values, Map<String, FieldSpec> fields) {
        Object value = values.get(field);
        Object compared = values.get(other);
        if (value == null || compared == null) {
            return List.of();
        }
        String path = "values." + field;
        return switch (kind) {
            case BEFORE -> isBefore(value, compared) ? List.of()
                    : List.of(new FieldError(path, "must be before " + label(fields, other)));
            case AT_MOST_SHARE_OF -> {
                BigDecimal maximum = ((Money) compared).amount().multiply(percent)
                        .divide(BigDecimal.valueOf(100), 2, RoundingMode.DOWN);
                yield ((Money) value).amount().compareTo(maximum) <= 0 ? List.of()
                        : List.of(new FieldError(path, "must be at most " + percent.stripTrailingZeros().toPlainString()
                                + "% of " + label(fields, other) + ": " + maximum.toPlainString()));
            }
            case DAYS_WITHIN -> {
                Object end = values.get(until);
                if (end == null) {
                    yield List.of();
                }
                long available = ChronoUnit.DAYS.between((LocalDate) compared, (LocalDate) end) + 1;
                yield ((Long) value) <= available ? List.of()
                        : List.of(new FieldError(path, "must be at most the " + available + " days from "
                                + label(fields, other) + " to " + label(fields, until)));
            }
        };
    }

    private static boolean isBefore(Object value, Object compared) {
        if (value instanceof LocalDate date) {
            return date.isBefore((LocalDate) compared);
        }
        return ((Instant) value).isBefore((Instant) compared);
    }

    private static String label(Map<String, FieldSpec> fields, String name) {
        return fields.get(name).label() + " (" + name + ")";
    }
}
