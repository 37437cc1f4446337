package org.tenderhall.tender.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tenderhall.kernel.FieldError;
import org.tenderhall.template.domain.FieldSpec;
import org.tenderhall.template.domain.FieldType;

/**
 * Every date of a tender (planned start and completion, service period, deadlines) lies before the year
 * {@value #FIRST_YEAR_REFUSED}. Certificates and timestamps write times as UTCTime up to 2049 and GeneralizedTime
 * after it, with four-digit years at most; the documents print four-digit years; no public works are planned for
 * the next century. A bound well inside all of these keeps a mistyped year from reaching them.
 */
public final class CalendarRule {

    public static final int FIRST_YEAR_REFUSED = 2100;

    private static final LocalDate FIRST_DAY_REFUSED = LocalDate.of(FIRST_YEAR_REFUSED, 1, 1);

    private CalendarRule() {
    }

    /** @param values the checked values, by field name ({@code LocalDate} for dates, {@code Instant} for times) */
    public static List<FieldError> check(List<FieldSpec> fields, Map<String, Object> values) {
        List<FieldError> violations = new ArrayList<>();
        for (FieldSpec field : fields) {
            Object value = values.get(field.name());
            boolean tooLate = field.type() == FieldType.DATE && value instanceof LocalDate date
                    && !date.isBefore(FIRST_DAY_REFUSED)
                    || field.type() == FieldType.DATE_TIME && value instanceof Instant instant
                    && !instant.isBefore(FIRST_DAY_REFUSED.atStartOfDay().toInstant(ZoneOffset.ofHours(8)));
            if (tooLate) {
                violations.add(new FieldError(field.name(), "must be before the year " + FIRST_YEAR_REFUSED));
            }
        }
        return violations;
    }
}
