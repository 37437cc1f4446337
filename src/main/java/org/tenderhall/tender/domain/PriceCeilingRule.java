package org.tenderhall.tender.domain;

import java.util.ArrayList;
import java.util.List;
import org.tenderhall.kernel.FieldError;
import org.tenderhall.kernel.Money;

/** The price ceiling (最高投标限价), when the tender sets one, is positive and at most the estimated price. */
public final class PriceCeilingRule {

    private PriceCeilingRule() {
    }

    public static List<FieldError> check(Money priceCeiling, Money estimatedPrice) {
        List<FieldError> violations = new ArrayList<>();
        if (!priceCeiling.currency().equals(estimatedPrice.currency())) {
            violations.add(new FieldError("priceCeiling", "must be in the currency of the estimated price"));
        } else if (priceCeiling.amount().signum() <= 0) {
            violations.add(new FieldError("priceCeiling", "must be positive"));
        } else if (priceCeiling.amount().compareTo(estimatedPrice.amount()) > 0) {
            violations.add(new FieldError("priceCeiling", "must be at most the estimated price ("
                    + estimatedPrice + ")"));
        }
        return violations;
    }
}
