package org.tenderhall.template;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.tenderhall.kernel.FieldError;
import org.tenderhall.template.domain.CommonFields;
import org.tenderhall.template.domain.CrossFieldRule;
import org.tenderhall.template.domain.Evaluation;
import org.tenderhall.template.domain.FieldSpec;
import org.tenderhall.template.domain.FieldType;
import org.tenderhall.template.domain.Template;
import org.tenderhall.template.domain.TenderValueRules;

/**
 * Reads and checks the template families: {@code index.yaml} lists them, {@code common.yaml} gives the fields every
 * template has, and each family's folder holds {@code template.yaml} and {@code document.html}. Every template is
 * checked whole: its fields, rules, evaluation and manifest, its example values against its own rules, and its
 * document body rendered with the example. The first problem stops the load with a {@link BrokenTemplate} naming
 * the file.
 */
public final class TemplateLoader {

    /** A template that cannot be used; the message names the file and the problem. */
    public static final class BrokenTemplate extends IllegalStateException {
        public BrokenTemplate(String file, String problem) {
            super("Broken template " + file + ": " + problem);
        }
    }

    private record IndexFile(List<String> families) {
    }

    private record CommonFile(List<FieldSpec> fields, ObjectNode example) {
    }

    private record TemplateFile(String code, int version, String name, String description, List<FieldSpec> fields,
            List<CrossFieldRule> rules, Evaluation evaluation, List<FieldSpec> manifest, ObjectNode example,
            String openingCustody) {
    }

    private static final Pattern CODE = Pattern.compile("[a-z][a-z0-9-]{1,40}");
    private static final Pattern FIELD_NAME = Pattern.compile("[a-z][A-Za-z0-9]{0,40}");
    private static final ObjectMapper YAML = JsonMapper.builder(new YAMLFactory())
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private final Function<String, Optional<String>> files;
    private final TenderValueRules rules;
    private final DocumentBodies bodies;

    public DocumentBodies bodies() {
        return bodies;
    }

    /**
     * @param files reads a file of the template directory by its relative path ({@code goods/template.yaml})
     * @param rules every rule a tender's values must satisfy: each template's example must pass them
     */
    public TemplateLoader(Function<String, Optional<String>> files, TenderValueRules rules) {
        this.files = files;
        this.rules = rules;
        this.bodies = new DocumentBodies(name -> files.apply(name + ".html"));
    }

    /** Templates from a directory on disk. */
    public static TemplateLoader directory(Path directory, TenderValueRules rules) {
        return new TemplateLoader(name -> {
            Path file = directory.resolve(name).normalize();
            if (!file.startsWith(directory.normalize()) || !Files.isRegularFile(file)) {
                return Optional.empty();
            }
            try {
                return Optional.of(Files.readString(file));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, rules);
    }

    /** Templates from the class path: the {@code bid-templates} folder packaged in the jar. */
    public static TemplateLoader classpath(String root, TenderValueRules rules) {
        return new TemplateLoader(name -> {
            try (InputStream in = TemplateLoader.class.getResourceAsStream("/" + root + "/" + name)) {
                return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, rules);
    }

    public List<Template> load() {
        IndexFile index = parse("index.yaml", IndexFile.class);
        if (index.families() == null || index.families().isEmpty()) {
            throw new BrokenTemplate("index.yaml", "lists no template families");
        }
        CommonFile common = parse("common.yaml", CommonFile.class);
        if (common.fields() == null || common.fields().isEmpty()) {
            throw new BrokenTemplate("common.yaml", "declares no fields");
        }
        for (String required : CommonFields.ALL) {
            if (common.fields().stream().noneMatch(f -> f.name().equals(required))) {
                throw new BrokenTemplate("common.yaml", "lacks the field " + required + ", which the platform's rules use");
            }
        }
        List<Template> templates = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String family : index.families()) {
            if (!seen.add(family)) {
                throw new BrokenTemplate("index.yaml", "lists " + family + " twice");
            }
            templates.add(family(family, common));
        }
        return templates;
    }

    private Template family(String family, CommonFile common) {
        String file = family + "/template.yaml";
        TemplateFile parsed = parse(file, TemplateFile.class);
        if (parsed.code() == null || !parsed.code().equals(family) || !CODE.matcher(family).matches()) {
            throw new BrokenTemplate(file, "code must be the folder's name, " + family
                    + ", in lower case letters, digits and hyphens");
        }
        if (parsed.version() < 1) {
            throw new BrokenTemplate(file, "version must be 1 or more");
        }
        if (parsed.name() == null || parsed.name().isBlank()) {
            throw new BrokenTemplate(file, "needs a name");
        }
        if (parsed.evaluation() == null) {
            throw new BrokenTemplate(file, "needs an evaluation");
        }
        List<FieldSpec> fields = new ArrayList<>(common.fields());
        fields.addAll(parsed.fields() == null ? List.of() : parsed.fields());
        fieldProblems("field", fields).ifPresent(p -> {
            throw new BrokenTemplate(file, p);
        });
        List<FieldSpec> manifest = parsed.manifest() == null ? List.of() : parsed.manifest();
        fieldProblems("manifest field", manifest).ifPresent(p -> {
            throw new BrokenTemplate(file, p);
        });
        if (manifest.stream().noneMatch(f -> f.name().equals("price") && f.type() == FieldType.MONEY && f.required())) {
            throw new BrokenTemplate(file, "the manifest must declare price, a required money field");
        }
        String custody = parsed.openingCustody() == null ? "scheduled" : parsed.openingCustody();
        if (!Template.OPENING_CUSTODIES.contains(custody)) {
            throw new BrokenTemplate(file, "openingCustody must be one of " + Template.OPENING_CUSTODIES);
        }
        String body = files.apply(family + "/document.html")
                .orElseThrow(() -> new BrokenTemplate(family + "/document.html", "is missing"));
        ObjectNode example = common.example() == null ? YAML.createObjectNode() : common.example().deepCopy();
        if (parsed.example() != null) {
            example.setAll(parsed.example());
        }
        Template template = new Template(parsed.code(), parsed.version(), parsed.name(),
                parsed.description() == null ? "" : parsed.description(), fields,
                parsed.rules() == null ? List.of() : parsed.rules(), parsed.evaluation(), manifest, body, example,
                custody);
        Map<String, FieldSpec> byName = template.fieldsByName();
        for (CrossFieldRule rule : template.rules()) {
            rule.problems(byName).stream().findFirst().ifPresent(p -> {
                throw new BrokenTemplate(file, p);
            });
        }
        template.evaluation().problems().stream().findFirst().ifPresent(p -> {
            throw new BrokenTemplate(file, p);
        });
        checkExample(file, template);
        try {
            bodies.check(template);
        } catch (RuntimeException e) {
            throw new BrokenTemplate(family + "/document.html", "does not render with the example values: "
                    + e.getMessage());
        }
        return template;
    }

    /** The example is a realistic tender: it must pass every rule, published a month before its deadline. */
    private void checkExample(String file, Template template) {
        Instant publication = Instant.EPOCH;
        JsonNode deadline = template.example().get(CommonFields.BID_DEADLINE);
        if (deadline != null && deadline.isTextual()) {
            try {
                publication = OffsetDateTime.parse(deadline.asText()).toInstant().minusSeconds(30L * 24 * 3600);
            } catch (DateTimeParseException e) {
                // reported below as a field error of the example
            }
        }
        List<FieldError> errors = rules.check(template, template.example(), publication).errors();
        if (!errors.isEmpty()) {
            throw new BrokenTemplate(file, "the example values break the template's rules: " + errors.stream()
                    .map(e -> e.field().replaceFirst("^values", "example") + " " + e.message()).toList());
        }
    }

    private static Optional<String> fieldProblems(String what, List<FieldSpec> fields) {
        Set<String> names = new HashSet<>();
        for (FieldSpec field : fields) {
            if (!FIELD_NAME.matcher(field.name()).matches()) {
                return Optional.of(what + " " + field.name() + ": a name is a lower camel case identifier");
            }
            if (!names.add(field.name())) {
                return Optional.of(what + " " + field.name() + " is declared twice (common.yaml declares "
                        + "the fields every template has)");
            }
            if (field.pattern() != null) {
                try {
                    Pattern.compile(field.pattern());
                } catch (PatternSyntaxException e) {
                    return Optional.of(what + " " + field.name() + ": pattern is not a regular expression: "
                            + e.getDescription());
                }
            }
        }
        return Optional.empty();
    }

    private <T> T parse(String file, Class<T> type) {
        String text = files.apply(file).orElseThrow(() -> new BrokenTemplate(file, "is missing"));
        try {
            T parsed = YAML.readValue(text, type);
            if (parsed == null) {
                throw new BrokenTemplate(file, "is empty");
            }
            return parsed;
        } catch (JsonProcessingException e) {
            String location = e.getLocation() == null ? "" : "line " + e.getLocation().getLineNr() + ": ";
            throw new BrokenTemplate(file, location + e.getOriginalMessage());
        }
    }
}
