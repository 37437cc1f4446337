package org.tenderhall.template.domain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tenderhall.kernel.FieldError;
import org.tenderhall.kernel.Money;

class FieldValuesTest {

    private static final List<FieldSpec> FIELDS = List.of(
            new FieldSpec("projectName", "项目名称", FieldType.TEXT, true, null, null, 50, null, null),
            new FieldSpec("estimatedPrice", "估算价", FieldType.MONEY, true, new BigDecimal("0.01"), null, null, null, null),
            FieldSpec.of("bondRate", "保证金比例", FieldType.PERCENTAGE, false),
            new FieldSpec("constructionDays", "工期", FieldType.DURATION_DAYS, true, null, new BigDecimal("3650"), null, null,
                    null),
            FieldSpec.of("bidDeadline", "投标截止时间", FieldType.DATE_TIME, true),
            FieldSpec.of("plannedStart", "计划开工日期", FieldType.DATE, false),
            new FieldSpec("category", "工程类别", FieldType.ENUMERATION, true, null, null, null, null,
                    List.of("新建", "改建", "扩建")),
            FieldSpec.of("tenderer", "招标人", FieldType.CREDIT_CODE, true),
            FieldSpec.of("qualifications", "资格要求", FieldType.QUALIFICATIONS, true),
            FieldSpec.of("notes", "备注", FieldType.LONG_TEXT, false));

    private final ObjectMapper json = new ObjectMapper();

    private FieldValues.Checked check(String values) throws Exception {
        return FieldValues.check(FIELDS, json.readTree(values));
    }

    private static final String VALID = """
            {"projectName": "海岛中学新建教学楼工程", "estimatedPrice": "12345678.90", "bondRate": "2.00",
             "constructionDays": 365, "bidDeadline": "2027-01-10T10:00:00+08:00", "plannedStart": "2027-03-01",
             "category": "新建", "tenderer": "91350200A000000384",
             "qualifications": ["建筑工程施工总承包二级及以上", "项目经理：建筑工程专业一级注册建造师"]}
            """;

    @Test
    void valid_values_become_typed_values() throws Exception {
        FieldValues.Checked checked = check(VALID);
        assertThat(checked.errors()).isEmpty();
        assertThat(checked.values().get("estimatedPrice")).isEqualTo(Money.cny("12345678.90"));
        assertThat(checked.values().get("bidDeadline")).isEqualTo(Instant.parse("2027-01-10T02:00:00Z"));
        assertThat(checked.values().get("plannedStart")).isEqualTo(LocalDate.of(2027, 3, 1));
        assertThat(checked.values().get("constructionDays")).isEqualTo(365L);
        assertThat((List<?>) checked.values().get("qualifications")).hasSize(2);
        assertThat(checked.values()).doesNotContainKey("notes");
    }

    @Test
    void money_in_exponent_notation_or_with_more_than_15_digits_is_refused_before_any_arithmetic() throws Exception {
        assertThat(fieldsOf(check(VALID.replace("\"12345678.90\"", "\"1E+20000000\"")))).containsExactly("values.estimatedPrice");
        assertThat(fieldsOf(check(VALID.replace("\"12345678.90\"", "\"1234567890123456\"")))).containsExactly("values.estimatedPrice");
        assertThat(fieldsOf(check(VALID.replace("\"12345678.90\"", "\"123456789012345.99\"")))).isEmpty();
    }

    @Test
    void text_with_control_characters_or_a_lone_surrogate_is_refused() throws Exception {
        assertThat(fieldsOf(check(VALID.replace("海岛中学新建教学楼工程", "海岛\\u0000中学")))).containsExactly("values.projectName");
        assertThat(fieldsOf(check(VALID.replace("海岛中学新建教学楼工程", "海岛\\u0007中学")))).containsExactly("values.projectName");
        assertThat(fieldsOf(check(VALID.replace("海岛中学新建教学楼工程", "海岛\\ud800中学")))).containsExactly("values.projectName");
        assertThat(fieldsOf(check(VALID.replace("建筑工程施工总承包二级及以上", "二级\\u001b")))).containsExactly("values.qualifications[0]");
        assertThat(fieldsOf(check(VALID.replace("海岛中学新建教学楼工程", "海岛中学 😀 工程\\t一期")))).isEmpty();
    }

    @Test
    void money_is_a_decimal_string_with_at_most_two_places_never_a_json_number() throws Exception {
        assertThat(fieldsOf(check(VALID.replace("\"12345678.90\"", "12345678.9")))).containsExactly("values.estimatedPrice");
        assertThat(fieldsOf(check(VALID.replace("\"12345678.90\"", "\"12345678.901\"")))).containsExactly("values.estimatedPrice");
        assertThat(fieldsOf(check(VALID.replace("\"12345678.90\"", "\"0.00\"")))).containsExactly("values.estimatedPrice");
    }

    @Test
    void every_violation_is_reported_at_once_with_its_field_path() throws Exception {
        String bad = """
                {"projectName": 7, "estimatedPrice": "abc", "bondRate": "120", "constructionDays": 0,
                 "bidDeadline": "2027-01-10 10:00", "category": "拆除", "tenderer": "91350200A000000385",
                 "qualifications": ["ok", ""], "colour": "red"}
                """;
        assertThat(fieldsOf(check(bad))).containsExactlyInAnyOrder("values.projectName", "values.estimatedPrice",
                "values.bondRate", "values.constructionDays", "values.bidDeadline", "values.category", "values.tenderer",
                "values.qualifications[1]", "values.colour");
    }

    @Test
    void required_fields_must_be_given_and_optional_ones_may_be_left_out() throws Exception {
        assertThat(fieldsOf(check("{}"))).containsExactlyInAnyOrder("values.projectName", "values.estimatedPrice",
                "values.constructionDays", "values.bidDeadline", "values.category", "values.tenderer", "values.qualifications");
    }

    @Test
    void a_duration_is_at_least_one_day_and_within_the_template_bounds() throws Exception {
        assertThat(fieldsOf(check(VALID.replace("365", "3651")))).containsExactly("values.constructionDays");
        assertThat(fieldsOf(check(VALID.replace("365", "1.5")))).containsExactly("values.constructionDays");
    }

    @Test
    void text_is_bounded_in_length() throws Exception {
        assertThat(fieldsOf(check(VALID.replace("海岛中学新建教学楼工程", "工".repeat(51))))).containsExactly("values.projectName");
    }

    @Test
    void a_date_time_needs_its_offset() throws Exception {
        assertThat(fieldsOf(check(VALID.replace("2027-01-10T10:00:00+08:00", "2027-01-10T10:00:00"))))
                .containsExactly("values.bidDeadline");
    }

    @Test
    void values_that_are_not_an_object_are_refused() {
        assertThat(FieldValues.check(FIELDS, json.createArrayNode()).errors()).extracting(FieldError::field)
                .containsExactly("values");
    }

    private static List<String> fieldsOf(FieldValues.Checked checked) {
        return checked.errors().stream().map(FieldError::field).toList();
    }
}
