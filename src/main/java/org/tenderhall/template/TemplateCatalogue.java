package org.tenderhall.template;

import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.tenderhall.platform.problem.ProblemType;
import org.tenderhall.platform.problem.Rejection;
import org.tenderhall.template.domain.Template;
import org.tenderhall.template.domain.TenderValueRules;

/**
 * The template families the platform publishes from, loaded and checked once at start-up: from the {@code
 * bid-templates} folder packaged in the jar, or from {@code tenderhall.templates.directory}. A broken template
 * stops the start with a message that names its file.
 */
@Startup
@ApplicationScoped
public class TemplateCatalogue {

    public static final ProblemType UNKNOWN_TEMPLATE =
            new ProblemType("unknown-template", "No such template", 404);

    private static final Logger LOG = Logger.getLogger(TemplateCatalogue.class);

    @Inject
    TemplateConfig config;

    @Inject
    TenderValueRules rules;

    private List<Template> templates;
    private DocumentBodies bodies;

    @PostConstruct
    void load() {
        Optional<Path> directory = config.directory();
        TemplateLoader loader;
        if (directory.isPresent()) {
            if (!Files.isDirectory(directory.get())) {
                throw new TemplateLoader.BrokenTemplate(directory.get().toAbsolutePath().toString(),
                        "tenderhall.templates.directory is not a directory");
            }
            loader = TemplateLoader.directory(directory.get(), rules);
        } else {
            loader = TemplateLoader.classpath("bid-templates", rules);
        }
        templates = loader.load();
        bodies = loader.bodies();
        LOG.infof("Loaded %d template families from %s: %s", templates.size(),
                directory.map(d -> d.toAbsolutePath().toString()).orElse("the packaged bid-templates"),
                templates.stream().map(t -> t.code() + " v" + t.version()).toList());
    }

    public List<Template> all() {
        return templates;
    }

    public Template get(String code) {
        return templates.stream().filter(t -> t.code().equals(code)).findFirst()
                .orElseThrow(() -> new Rejection(UNKNOWN_TEMPLATE, "There is no template '" + code + "'; GET"
                        + " /api/templates lists them."));
    }

    public DocumentBodies bodies() {
        return bodies;
    }
}
