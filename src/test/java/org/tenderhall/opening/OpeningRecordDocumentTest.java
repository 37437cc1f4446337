package org.tenderhall.opening;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.tenderhall.document.PdfChecks;
import org.tenderhall.document.PdfDocuments;
import org.tenderhall.opening.domain.OpeningRecord;
import org.tenderhall.opening.domain.Outcome;
import org.tenderhall.openingkey.domain.Custody;

/** The opening record as its PDF reads, by poppler's pdftotext: what a bidder or a supervisor sees on paper. */
class OpeningRecordDocumentTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<OpeningRecord.Column> GOODS = List.of(new OpeningRecord.Column("price", "投标报价"),
            new OpeningRecord.Column("deliveryDays", "交货期"),
            new OpeningRecord.Column("warrantyMonths", "质保期（月）"),
            new OpeningRecord.Column("brandModel", "主要货物品牌型号"));
    private static final String SHA256 = "6b3cfacab6ce2e4b43ddfed9db97372cc69a44a01cba1b4d3d02e96520cea838";
    /** A reason as the opening writes one, long, with a token that has nowhere to break, then Chinese. */
    static final String LONG_REASON = "The inner signature is by CN=海景路桥有限公司投标专用证书, not by the envelope's signer; "
            + "certificate SHA-256 " + SHA256 + SHA256 + ". 内层签名者与外层签名者不一致，投标文件按投标人原因撤销。"
            + "内层签名者与外层签名者不一致，投标文件按投标人原因撤销。内层签名者与外层签名者不一致，投标文件按投标人原因撤销。";

    private static JsonNode declared(String price, int days, int months, String brand) {
        return JSON.createObjectNode().put("price", price).put("deliveryDays", days).put("warrantyMonths", months)
                .put("brandModel", brand);
    }

    private static OpeningRecord.Line opened(int line, String bidderName, String receivedAt, String price) {
        return new OpeningRecord.Line(line, UUID.randomUUID(), "91350200B00000043" + line, bidderName, "1",
                Instant.parse(receivedAt), Outcome.OPENED, null, price, declared(price, 60, 24, "联影 uCT 760"),
                JSON.createArrayNode(), "NOT_CHECKED", SHA256, 50_000L);
    }

    static OpeningRecord record(Custody custody, String reason) {
        List<OpeningRecord.Line> lines = List.of(
                opened(1, "海岛建设集团有限公司", "2027-01-05T01:59:58.123Z", "1234567.89"),
                new OpeningRecord.Line(2, UUID.randomUUID(), "91350200B0000006XK", "海景路桥有限公司", "1",
                        Instant.parse("2027-01-05T01:59:59.456Z"), Outcome.REVOKED, reason, null, null, null,
                        "NOT_CHECKED", null, null),
                opened(3, "碧水市政工程有限公司", "2027-01-05T01:59:59.789Z", "987654321.50"));
        return new OpeningRecord(UUID.fromString("7ca32bdf-aba8-40f6-975b-a6b5fd98eb23"), "厦门市第三医院医学影像设备采购项目",
                custody, OpeningRecord.Stage.RECORDED, 3, Instant.parse("2027-01-05T02:00:00Z"),
                Instant.parse("2027-01-05T02:00:03.250Z"), Instant.parse("2027-01-05T02:30:03.250Z"), GOODS, lines,
                List.of());
    }

    static byte[] pdf(OpeningRecord record) throws Exception {
        return PdfDocuments.render(OpeningRecordDocument.xhtml(record), OpeningRecordDocument.ATTACHMENT,
                "{}".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void the_record_names_the_custody_in_words_gives_times_in_beijing_time_and_groups_the_digits_of_money()
            throws Exception {
        String[][] custodies = {{"SCHEDULED", "计划解密"}, {"DUAL_CONTROL", "双人控制"}, {"BIDDER_DECRYPTS", "投标人解密"}};
        for (String[] custody : custodies) {
            String text = PdfChecks.text(pdf(record(Custody.valueOf(custody[0]), "内层签名无效")));
            assertThat(text).as(custody[0]).contains("开标密钥保管方式：" + custody[1]).doesNotContain(custody[0]);
            // 02:00 UTC is 10:00 in Beijing, and the record says which zone its times are in
            assertThat(text).contains("北京时间", "UTC+8", "2027-01-05 10:00:00.000", "2027-01-05 10:00:03.250",
                    "09:59:58.123", "2027-01-05 10:30:03");
            assertThat(text).contains("1,234,567.89 元", "987,654,321.50 元").doesNotContain("1234567.89");
        }
    }

    @Test
    void money_is_grouped_in_thousands_and_keeps_every_declared_decimal() {
        assertThat(OpeningRecordDocument.money("1234567.89")).isEqualTo("1,234,567.89 元");
        assertThat(OpeningRecordDocument.money("9650000")).isEqualTo("9,650,000.00 元");
        assertThat(OpeningRecordDocument.money("999.5")).isEqualTo("999.50 元");
        assertThat(OpeningRecordDocument.money("1000.125")).isEqualTo("1,000.125 元"); // never rounded away
    }

    @Test
    void a_long_reason_wraps_within_its_cell_and_leaves_the_other_columns_intact() throws Exception {
        byte[] pdf = pdf(record(Custody.SCHEDULED, LONG_REASON));
        List<String> lines = PdfChecks.text(pdf).lines().toList();
        // Each of these is whole on one line of the page, as in a record whose reasons are short.
        for (String intact : List.of("海岛建设集团有限公司", "海景路桥有限公司", "碧水市政工程有限公司",
                "1,234,567.89 元", "987,654,321.50 元", "09:59:58.123", "09:59:59.456", "2027-01-05", "未核验", "已解密",
                "开标结果")) {
            assertThat(lines).as(intact).anyMatch(l -> l.contains(intact));
        }
        // The reason is all there, over several lines of its own cell, the long token broken where it must be.
        assertThat(PdfChecks.drawnText(pdf).replaceAll("\\s+", "")).contains(LONG_REASON.replaceAll("\\s+", ""));
        assertThat(lines).noneMatch(l -> l.contains(SHA256 + SHA256));
        try (var document = org.apache.pdfbox.Loader.loadPDF(pdf)) {
            assertThat(document.getNumberOfPages()).isEqualTo(1);
        }
    }
}
