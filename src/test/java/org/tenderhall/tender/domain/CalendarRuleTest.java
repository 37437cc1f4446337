package org.tenderhall.tender.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tenderhall.kernel.FieldError;
import org.tenderhall.template.domain.FieldSpec;
import org.tenderhall.template.domain.FieldType;

class CalendarRuleTest {

    @Test
    void every_date_and_time_lies_before_the_year_2100() {
        List<FieldSpec> fields = List.of(field("plannedCompletion", FieldType.DATE),
                field("bidDeadline", FieldType.DATE_TIME), field("projectName", FieldType.TEXT));
        assertThat(CalendarRule.check(fields, Map.of("plannedCompletion", LocalDate.of(2099, 12, 31),
                "bidDeadline", Instant.parse("2099-12-31T15:59:59Z"), "projectName", "2100"))).isEmpty();
        assertThat(CalendarRule.check(fields, Map.of("plannedCompletion", LocalDate.of(2100, 1, 1),
                "bidDeadline", Instant.parse("9999-12-31T01:30:00Z"))))
                .extracting(FieldError::field).containsExactly("plannedCompletion", "bidDeadline");
    }

    private static FieldSpec field(String name, FieldType type) {
        return new FieldSpec(name, name, type, true, null, null, null, null, null);
    }
}
