package org.tenderhall.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CreditCodeTest {

    @ParameterizedTest
    @ValueSource(strings = {"914403001922038216", "9144030071526726XG", "91330100799655058B", "91110000802100433B"})
    void published_codes_of_real_companies_are_valid(String code) {
        assertThat(CreditCode.problem(code)).isEmpty();
    }

    @Test
    void check_character_is_31_minus_weighted_sum_mod_31() {
        // weights 3^i mod 31 for i = 0..16: 1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28
        // "91440300192203821": 9*1+1*3+4*9+4*27+0+3*26+0+0+1*20+9*29+2*25+2*13+0+3*24+8*10+2*30+1*28 = 831
        // 831 mod 31 = 25, 31 - 25 = 6
        assertThat(CreditCode.checkCharacter("91440300192203821")).isEqualTo('6');
    }

    @Test
    void check_character_zero_when_the_sum_is_a_multiple_of_31() {
        // Find a prefix whose check is '0' by varying the last character, and confirm it validates.
        String base = "9135020000000000";
        for (char c : CreditCode.ALPHABET.toCharArray()) {
            if (CreditCode.checkCharacter(base + c) == '0') {
                assertThat(CreditCode.isValid(base + c + "0")).isTrue();
                return;
            }
        }
        throw new AssertionError("some last character gives check '0'");
    }

    @Test
    void a_wrong_check_character_is_named_with_the_expected_one() {
        assertThat(CreditCode.problem("914403001922038217")).hasValue("check character is '7', expected '6'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "91440300192203821", "9144030019220382166"})
    void codes_of_other_lengths_are_refused(String code) {
        assertThat(CreditCode.problem(code)).hasValue("must be 18 characters");
    }

    @ParameterizedTest
    @ValueSource(strings = {"91440300I92203821X", "91440300O92203821X", "91440300Z92203821X", "91440300S92203821X",
            "91440300V92203821X", "91440300a92203821X", "91440300-92203821X"})
    void letters_I_O_Z_S_V_lower_case_and_punctuation_are_refused(String code) {
        assertThat(CreditCode.problem(code)).hasValueSatisfying(p -> assertThat(p).contains("character 9", "not allowed"));
    }

    @Test
    void null_is_not_a_code() {
        assertThat(CreditCode.isValid(null)).isFalse();
    }

    @Test
    void an_org_code_can_only_hold_a_valid_code() {
        assertThat(new OrgCode("914403001922038216").value()).isEqualTo("914403001922038216");
        assertThatThrownBy(() -> new OrgCode("914403001922038217")).isInstanceOf(IllegalArgumentException.class);
    }
}
