package org.tenderhall.tender.domain;

import static org.tenderhall.template.domain.CommonFields.BID_BOND;
import static org.tenderhall.template.domain.CommonFields.BID_DEADLINE;
import static org.tenderhall.template.domain.CommonFields.ESTIMATED_PRICE;
import static org.tenderhall.template.domain.CommonFields.MANDATORY;
import static org.tenderhall.template.domain.CommonFields.MANDATORY_TENDERING;
import static org.tenderhall.template.domain.CommonFields.OPENING_TIME;
import static org.tenderhall.template.domain.CommonFields.PRICE_CEILING;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tenderhall.kernel.FieldError;
import org.tenderhall.kernel.Money;
import org.tenderhall.template.domain.CrossFieldRule;
import org.tenderhall.template.domain.FieldSpec;
import org.tenderhall.template.domain.FieldValues;
import org.tenderhall.template.domain.Template;

/**
 * Every rule a tender's values must satisfy, checked at once: each field against its template specification, the
 * platform's rules on the common fields (bid bond at most 2%, price ceiling at most the estimate, the 20-day
 * bidding period of at most a year, opening at the deadline), every date before 2100, and the template family's
 * own cross-field rules. The common fields are named in {@code CommonFields}; the template loader checks each
 * template's example with these rules ({@code TenderValueRules}).
 */
public final class TenderRules {

    private TenderRules() {
    }

    /**
     * @param publication when the tender is (or would be) published: the start of the bidding period
     */
    public static FieldValues.Checked check(Template template, JsonNode submitted, Instant publication) {
        FieldValues.Checked checked = FieldValues.check(template.fields(), submitted);
        Map<String, Object> values = checked.values();
        List<FieldError> errors = new ArrayList<>(checked.errors());
        if (values.get(BID_BOND) instanceof Money bond && values.get(ESTIMATED_PRICE) instanceof Money estimate) {
            errors.addAll(prefixed(BidBondRule.check(bond, estimate)));
        }
        if (values.get(PRICE_CEILING) instanceof Money ceiling && values.get(ESTIMATED_PRICE) instanceof Money estimate) {
            errors.addAll(prefixed(PriceCeilingRule.check(ceiling, estimate)));
        }
        if (values.get(BID_DEADLINE) instanceof Instant deadline && values.get(OPENING_TIME) instanceof Instant opening) {
            boolean mandatory = MANDATORY.equals(values.get(MANDATORY_TENDERING));
            errors.addAll(prefixed(BiddingPeriodRule.check(publication, deadline, opening, mandatory)));
        }
        errors.addAll(prefixed(CalendarRule.check(template.fields(), values)));
        Map<String, FieldSpec> fields = template.fieldsByName();
        for (CrossFieldRule rule : template.rules()) {
            errors.addAll(rule.check(values, fields));
        }
        return new FieldValues.Checked(values, errors);
    }

    private static List<FieldError> prefixed(List<FieldError> errors) {
        return errors.stream().map(e -> new FieldError("values." + e.field(), e.message())).toList();
    }
}
