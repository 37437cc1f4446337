package org.tenderhall.template.domain;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * Every rule a tender's values must satisfy, the template's own and the platform's (which are the tender
 * capability's: {@code tender.domain.TenderRules}). The loader checks each template's example with them, so that a
 * template whose example no tender could be published with stops the start; the rules are passed in.
 */
@FunctionalInterface
public interface TenderValueRules {

    /**
     * @param publication when the tender is (or would be) published: the start of the bidding period
     */
    FieldValues.Checked check(Template template, JsonNode submitted, Instant publication);
}
