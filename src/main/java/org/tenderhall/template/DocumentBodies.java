package org.tenderhall.template;

import io.quarkus.qute.Engine;
import io.quarkus.qute.HtmlEscaper;
import io.quarkus.qute.TemplateLocator;
import io.quarkus.qute.Variant;
import java.io.Reader;
import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.tenderhall.template.domain.CommonFields;
import org.tenderhall.template.domain.DisplayValue;
import org.tenderhall.template.domain.Evaluation;
import org.tenderhall.template.domain.FieldSpec;
import org.tenderhall.template.domain.FieldType;
import org.tenderhall.template.domain.FieldValues;
import org.tenderhall.template.domain.Template;

/**
 * Fills a template's document body (Qute, XHTML) with a tender's values. The body includes {@code layout.html},
 * which holds the chapters every tender document has; values are HTML-escaped, and rendering is strict, so a body
 * that names a value that does not exist fails when the template is loaded, not when a tender is published.
 */
public final class DocumentBodies {

    /** Which document this is: a draft preview, or a published version with its amendments so far. */
    public record Issue(String tenderId, int version, Instant issuedAt, boolean draft, String openingCertificateSha256,
            List<Amendment> amendments) {
        public Issue {
            amendments = List.copyOf(amendments);
        }
    }

    /** An amendment as the document lists it. */
    public record Amendment(int number, Instant issuedAt, String summary, List<Change> changes) {
    }

    /** One changed field: its label and the printed value before and after. */
    public record Change(String label, String before, String after) {
    }

    private final Engine engine;
    private final Map<String, io.quarkus.qute.Template> parsed = new ConcurrentHashMap<>();

    /** @param includes reads an included template ({@code layout}) by name */
    public DocumentBodies(Function<String, Optional<String>> includes) {
        this.engine = Engine.builder()
                .addDefaults()
                .strictRendering(true)
                .removeStandaloneLines(true)
                .addResultMapper(new HtmlEscaper(List.of(Variant.TEXT_HTML)))
                .addLocator(new TemplateLocator() {
                    @Override
                    public Optional<TemplateLocation> locate(String id) {
                        return includes.apply(id).map(DocumentBodies::html);
                    }
                })
                .build();
    }

    /** The body filled with the template's example values, as a draft. */
    public String preview(Template template) {
        var checked = FieldValues.check(template.fields(), template.example());
        return xhtml(template, checked.values(),
                new Issue("00000000-0000-0000-0000-000000000000", 1, Instant.EPOCH, true, null, List.of()));
    }

    /**
     * Renders the body every way a tender can take it, with the example values: as a draft preview, and published
     * with an opening certificate and an amendment, with the other answer to "mandatory tendering". Strict
     * rendering makes any name the body or the layout gets wrong fail here, at load time.
     */
    public void check(Template template) {
        preview(template);
        Map<String, Object> values = new HashMap<>(FieldValues.check(template.fields(), template.example()).values());
        values.put(CommonFields.MANDATORY_TENDERING,
                CommonFields.MANDATORY.equals(values.get(CommonFields.MANDATORY_TENDERING)) ? "否"
                        : CommonFields.MANDATORY);
        xhtml(template, values, new Issue("00000000-0000-0000-0000-000000000000", 2, Instant.EPOCH, false, "0".repeat(64),
                List.of(new Amendment(1, Instant.EPOCH, "check", List.of(new Change("check", "before", "after"))))));
    }

    /** The document body as XHTML, ready for {@code PdfDocuments.render}. */
    public String xhtml(Template template, Map<String, Object> values, Issue issue) {
        io.quarkus.qute.Template body = parsed.computeIfAbsent(template.code() + "@" + template.version(),
                key -> engine.parse(template.documentBody(), Variant.forContentType(Variant.TEXT_HTML), key));
        return body.data(model(template, values, issue)).render();
    }

    private static Map<String, Object> model(Template template, Map<String, Object> values, Issue issue) {
        Map<String, Object> shown = new HashMap<>();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (FieldSpec field : template.fields()) {
            String display = DisplayValue.of(field.type(), values.get(field.name()));
            shown.put(field.name(), display);
            rows.add(Map.of("label", field.label(), "display", display));
        }
        Object qualifications = values.get("qualifications");
        Map<String, Object> model = new HashMap<>();
        model.put("v", shown);
        model.put("fields", rows);
        model.put("qualifications", qualifications instanceof List<?> list ? list : List.of());
        model.put("mandatory", CommonFields.MANDATORY.equals(values.get(CommonFields.MANDATORY_TENDERING)));
        model.put("templateName", template.name());
        model.put("templateCode", template.code());
        model.put("templateVersion", template.version());
        model.put("tenderId", issue.tenderId());
        model.put("version", issue.version());
        model.put("issuedAt", DisplayValue.instant(issue.issuedAt()));
        model.put("draft", issue.draft());
        model.put("openingCertificate", issue.openingCertificateSha256());
        model.put("evaluationMethod", template.evaluation().method().chinese());
        model.put("comprehensive", template.evaluation().method() == Evaluation.Method.COMPREHENSIVE_SCORING);
        model.put("criteria", criteria(template.evaluation()));
        model.put("manifest", template.manifest().stream().map(m -> Map.<String, Object>of("name", m.name(),
                "label", m.label(), "type", typeName(m.type()), "required", m.required() ? "是" : "否")).toList());
        model.put("amendments", issue.amendments().stream().map(DocumentBodies::amendment).toList());
        return model;
    }

    private static List<Map<String, Object>> criteria(Evaluation evaluation) {
        List<Map<String, Object>> rows = new ArrayList<>();
        int order = 1;
        for (Evaluation.Criterion criterion : evaluation.criteria()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("order", order++);
            row.put("name", criterion.name());
            row.put("points", criterion.judgement() == Evaluation.Judgement.PASS_FAIL ? "—"
                    : criterion.points().stripTrailingZeros().toPlainString());
            row.put("judgement", criterion.judgement().chinese());
            row.put("formula", criterion.formula() == null ? null : criterion.formula().chinese());
            rows.add(row);
        }
        return rows;
    }

    private static Map<String, Object> amendment(Amendment amendment) {
        return Map.of("number", amendment.number(), "issuedAt", DisplayValue.instant(amendment.issuedAt()),
                "summary", amendment.summary(), "changes", amendment.changes().stream()
                        .map(c -> Map.of("label", c.label(), "before", c.before(), "after", c.after())).toList());
    }

    private static String typeName(FieldType type) {
        return switch (type) {
            case TEXT, LONG_TEXT -> "文本";
            case MONEY -> "金额（元）";
            case PERCENTAGE -> "百分比";
            case INTEGER -> "整数";
            case DATE -> "日期";
            case DATE_TIME -> "日期时间";
            case DURATION_DAYS -> "日历天";
            case ENUMERATION -> "选项";
            case CREDIT_CODE -> "统一社会信用代码";
            case QUALIFICATIONS -> "资格要求列表";
        };
    }

    private static TemplateLocator.TemplateLocation html(String content) {
        return new TemplateLocator.TemplateLocation() {
            @Override
            public Reader read() {
                return new StringReader(content);
            }

            @Override
            public Optional<Variant> getVariant() {
                return Optional.of(Variant.forContentType(Variant.TEXT_HTML));
            }
        };
    }
}
