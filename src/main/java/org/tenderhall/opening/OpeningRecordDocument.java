package org.tenderhall.opening;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.tenderhall.document.PlatformDocuments;
import org.tenderhall.opening.domain.OpeningRecord;
import org.tenderhall.openingkey.domain.Custody;

/**
 * The opening record (开标记录) as a document: PDF/A-3b with the record as JSON inside ({@code opening-record.json}),
 * signed by the platform and timestamped, like the tender document. Made once, when the record is complete.
 */
@ApplicationScoped
public class OpeningRecordDocument {

    public static final String ATTACHMENT = "opening-record.json";
    private static final DateTimeFormatter BEIJING = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
            .withZone(ZoneId.of("Asia/Shanghai"));
    private static final String ZONE_NOTE = "本记录中的时间均为北京时间（UTC+8），精确到毫秒。";
    /** The share of the table's width the declared figures other than the price have between them, in percent. */
    private static final double DECLARED_WIDTH = 18;
    @Inject
    PlatformDocuments documents;

    @Inject
    ObjectMapper json;

    public byte[] signed(OpeningRecord record) {
        try {
            byte[] pdf = documents.render(xhtml(record), ATTACHMENT,
                    json.writerWithDefaultPrettyPrinter().writeValueAsBytes(record));
            return documents.sign(pdf, record.recordedAt(), "开标记录 / opening record of tender " + record.tenderId());
        } catch (IOException e) {
            throw new IllegalStateException("Cannot make the opening record of tender " + record.tenderId(), e);
        }
    }

    static String xhtml(OpeningRecord record) {
        List<OpeningRecord.Column> declared = record.columns().stream().filter(c -> !c.name().equals("price"))
                .toList();
        StringBuilder html = new StringBuilder("""
                <!DOCTYPE html>
                <html xmlns="http://www.w3.org/1999/xhtml" lang="zh-CN">
                <head>
                <meta charset="UTF-8" />
                <title>开标记录</title>
                <style>
                @page { size: A4 landscape; margin: 15mm;
                  @bottom-center { content: "第 " counter(page) " 页 共 " counter(pages) " 页"; font-family: 'Tenderhall Document'; font-size: 8pt; } }
                body { font-family: 'Tenderhall Document'; font-size: 9pt; line-height: 1.5; }
                h1 { text-align: center; font-size: 16pt; }
                table { width: 100%; border-collapse: collapse; margin: 6pt 0; table-layout: fixed; }
                th, td { border: 0.5pt solid #000; padding: 2pt 4pt; vertical-align: top; word-wrap: break-word; }
                th { background: #eeeeee; }
                tr { page-break-inside: avoid; }
                .small { font-size: 8pt; }
                </style>
                </head>
                <body>
                """);
        html.append("<h1>").append(escape(record.projectName())).append("<br />开标记录</h1>\n");
        html.append("<p>平台项目标识：").append(escape(record.tenderId().toString()))
                .append("　开标开始：").append(time(record.startedAt()))
                .append("　记录完成：").append(time(record.recordedAt()))
                .append("　有效投标：").append(record.bids()).append(" 份")
                .append("　开标密钥保管方式：").append(custody(record.custody())).append("</p>\n");
        html.append("<p class=\"small\">").append(ZONE_NOTE).append("</p>\n");
        // A fixed layout: each column keeps the width given here, whatever a cell holds, and a long text wraps in
        // its own cell (word-wrap breaks a token that has nowhere else to break) instead of squeezing the others.
        // The explanation takes what the declared figures leave.
        String declaredWidth = String.format(Locale.ROOT, "%.2f%%",
                declared.isEmpty() ? 0.0 : DECLARED_WIDTH / declared.size());
        html.append("<table>\n<thead><tr>").append(th("4%", "序号")).append(th("14%", "投标人")).append(th("4%", "标段"))
                .append(th("10%", "递交时间（北京时间）")).append(th("11%", "投标报价"));
        for (OpeningRecord.Column column : declared) {
            html.append(th(declaredWidth, escape(column.label())));
        }
        html.append(th("6%", "投标保证金")).append(th("8%", "开标结果")).append("<th>说明</th></tr></thead>\n<tbody>\n");
        for (OpeningRecord.Line line : record.lines()) {
            html.append("<tr><td>").append(line.line()).append("</td><td>").append(escape(line.bidderName()))
                    .append("<br /><span class=\"small\">").append(escape(line.bidder())).append("</span></td><td>")
                    .append(escape(line.lot())).append("</td><td>")
                    .append(time(line.receivedAt()).replace(" ", "<br />")) // the date above the time, each whole
                    .append("</td><td>")
                    .append(line.price() == null ? "—" : money(line.price())).append("</td>");
            for (OpeningRecord.Column column : declared) {
                JsonNode value = line.declared() == null ? null : line.declared().get(column.name());
                html.append("<td>").append(value == null || value.isNull() ? "—" : escape(value.asText()))
                        .append("</td>");
            }
            html.append("<td>").append("NOT_CHECKED".equals(line.guarantee()) ? "未核验" : escape(line.guarantee()))
                    .append("</td><td>").append(switch (line.outcome()) {
                        case OPENED -> "已解密";
                        case REVOKED -> "撤销（投标人原因）";
                        case WITHDRAWN -> "撤回（非投标人原因）";
                    }).append("</td><td>").append(escape(explanation(line))).append("</td></tr>\n");
        }
        html.append("</tbody>\n</table>\n");
        html.append("<p class=\"small\">投标人可在 ").append(time(record.objectionsUntil()))
                .append("（北京时间）前在线确认本记录或提出异议。本记录由 Tenderhall 平台生成并签名，附带机器可读的 ")
                .append(ATTACHMENT).append("。</p>\n</body>\n</html>\n");
        return html.toString();
    }

    /** The custody of the opening key in the words of the procedure. */
    static String custody(Custody custody) {
        return switch (custody) {
            case SCHEDULED -> "计划解密";
            case DUAL_CONTROL -> "双人控制";
            case BIDDER_DECRYPTS -> "投标人解密";
        };
    }

    /**
     * {@code 1,234,567.89 元}: the digits grouped, and every decimal the bidder declared kept (none is rounded
     * away; at least two are shown).
     */
    static String money(String amount) {
        BigDecimal value = new BigDecimal(amount);
        DecimalFormat format = new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.ROOT));
        format.setMaximumFractionDigits(Math.max(2, value.scale()));
        return format.format(value) + " 元";
    }

    private static String th(String width, String label) {
        return "<th style=\"width: " + width + "\">" + label + "</th>";
    }

    private static String explanation(OpeningRecord.Line line) {
        if (line.reason() != null) {
            return line.reason();
        }
        if (line.problems() != null && line.problems().size() > 0) {
            StringBuilder text = new StringBuilder("声明数据问题：");
            line.problems().forEach(p -> text.append(p.asText()).append("；"));
            return text.toString();
        }
        return "";
    }

    private static String time(Instant instant) {
        return instant == null ? "—" : BEIJING.format(instant);
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
