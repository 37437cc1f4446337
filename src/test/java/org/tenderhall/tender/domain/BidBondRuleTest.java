package org.tenderhall.tender.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Currency;
import org.junit.jupiter.api.Test;
import org.tenderhall.kernel.FieldError;
import org.tenderhall.kernel.Money;

class BidBondRuleTest {

    private final Money estimate = Money.cny("12345678.90");

    @Test
    void bid_bond_at_most_2_percent_of_the_estimated_price() {
        // 2% of 12,345,678.90 is 246,913.578: 246,913.57 is the largest bond in whole fen.
        assertThat(BidBondRule.check(Money.cny("246913.57"), estimate)).isEmpty();
        assertThat(BidBondRule.check(Money.cny("246913.58"), estimate))
                .extracting(FieldError::field).containsExactly("bidBond");
    }

    @Test
    void no_bond_at_all_is_within_the_limit() {
        assertThat(BidBondRule.check(Money.cny("0"), estimate)).isEmpty();
    }

    @Test
    void a_negative_bond_is_refused() {
        assertThat(BidBondRule.check(Money.cny("-1.00"), estimate)).extracting(FieldError::message)
                .containsExactly("must not be negative");
    }

    @Test
    void a_bond_in_another_currency_than_the_estimate_is_refused() {
        assertThat(BidBondRule.check(new Money(new BigDecimal("10.00"), Currency.getInstance("USD")), estimate))
                .extracting(FieldError::field).containsExactly("bidBond");
    }

    @Test
    void money_has_at_most_two_decimal_places() {
        assertThat(Money.cny("12.5").amount()).isEqualByComparingTo("12.50");
        assertThat(Money.cny("12.5").toString()).isEqualTo("12.50 CNY");
        assertThatThrownBy(() -> Money.cny("0.001")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void price_ceiling_at_most_the_estimated_price() {
        assertThat(PriceCeilingRule.check(estimate, estimate)).isEmpty();
        assertThat(PriceCeilingRule.check(Money.cny("12345678.91"), estimate))
                .extracting(FieldError::field).containsExactly("priceCeiling");
        assertThat(PriceCeilingRule.check(Money.cny("0"), estimate)).extracting(FieldError::message)
                .containsExactly("must be positive");
    }
}
