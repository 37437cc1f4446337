package org.tenderhall.tender.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import org.tenderhall.kernel.FieldError;
import org.tenderhall.kernel.Money;

/** The bid bond (投标保证金) is at most 2% of the estimated contract price, and never negative. */
public final class BidBondRule {

    public static final BigDecimal MAXIMUM_SHARE = new BigDecimal("0.02");

    private BidBondRule() {
    }

    public static List<FieldError> check(Money bidBond, Money estimatedPrice) {
        List<FieldError> violations = new ArrayList<>();
        if (!bidBond.currency().equals(estimatedPrice.currency())) {
            violations.add(new FieldError("bidBond", "must be in the currency of the estimated price ("
                    + estimatedPrice.currency().getCurrencyCode() + ")"));
            return violations;
        }
        if (bidBond.isNegative()) {
            violations.add(new FieldError("bidBond", "must not be negative"));
        }
        BigDecimal maximum = estimatedPrice.amount().multiply(MAXIMUM_SHARE).setScale(2, RoundingMode.DOWN);
        if (bidBond.amount().compareTo(maximum) > 0) {
            violations.add(new FieldError("bidBond", "must be at most 2% of the estimated price: "
                    + maximum.toPlainString() + " " + estimatedPrice.currency().getCurrencyCode()));
        }
        return violations;
    }
}
