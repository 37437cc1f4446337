package org.tenderhall.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class CanonicalJsonTest {

    private final ObjectMapper json = new ObjectMapper();

    private String canonical(String text) throws Exception {
        return CanonicalJson.of(json.readTree(text));
    }

    @Test
    void members_are_sorted_and_white_space_removed() throws Exception {
        assertThat(canonical("{ \"b\" : [1, 2, {\"z\":true, \"a\":null}], \"a\" : \"x\" }"))
                .isEqualTo("{\"a\":\"x\",\"b\":[1,2,{\"a\":null,\"z\":true}]}");
    }

    @Test
    void member_names_sort_by_utf16_code_units_as_rfc_8785_section_3_2_3_shows() throws Exception {
        // The RFC's own sorting example: "\r", "1", "\u0080", "\u00f6", "\u20ac", "\ud83d\ude00", "\ufb33".
        String input = "{\"\\u20ac\":\"Euro Sign\",\"\\r\":\"Carriage Return\",\"\\ufb33\":\"Hebrew Letter Dalet With Dagesh\","
                + "\"1\":\"One\",\"\\ud83d\\ude00\":\"Emoji: Grinning Face\",\"\\u0080\":\"Control\","
                + "\"\\u00f6\":\"Latin Small Letter O With Diaeresis\"}";
        assertThat(canonical(input)).isEqualTo("{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\","
                + "\"\u00f6\":\"Latin Small Letter O With Diaeresis\",\"\u20ac\":\"Euro Sign\","
                + "\"\ud83d\ude00\":\"Emoji: Grinning Face\",\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}");
    }

    @Test
    void strings_escape_only_quote_backslash_and_control_characters() throws Exception {
        assertThat(canonical("[\"\\u20ac$\\u000f\\nA'B\\\"\\\\\\\\\\\"\\/\", \"\u4e2d\u6587\"]"))
                .isEqualTo("[\"\u20ac$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\",\"\u4e2d\u6587\"]");
    }

    @Test
    void a_lone_surrogate_is_not_i_json_and_is_refused() {
        assertThatThrownBy(() -> canonical("[\"\\ud800\"]")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> canonical("[\"\\udc00x\"]")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void integers_are_written_plainly_and_decimals_are_refused() throws Exception {
        assertThat(canonical("[0, -5, 9007199254740992, 1.0E2]")).isEqualTo("[0,-5,9007199254740992,100]");
        assertThatThrownBy(() -> canonical("[1.5]")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("as a string");
        assertThatThrownBy(() -> canonical("[9007199254740993]")).isInstanceOf(IllegalArgumentException.class);
    }
}
