package org.tenderhall.tender;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.inject.Singleton;
import java.time.Instant;
import org.tenderhall.template.domain.FieldValues;
import org.tenderhall.template.domain.Template;
import org.tenderhall.template.domain.TenderValueRules;
import org.tenderhall.tender.domain.TenderRules;

/** The tender's rules, for the template catalogue to check each template's example with at start-up. */
@Singleton
public class TenderRulesForTemplates implements TenderValueRules {

    @Override
    public FieldValues.Checked check(Template template, JsonNode submitted, Instant publication) {
        return TenderRules.check(template, submitted, publication);
    }
}
