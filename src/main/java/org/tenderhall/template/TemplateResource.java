package org.tenderhall.template;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.tenderhall.template.domain.CrossFieldRule;
import org.tenderhall.template.domain.Evaluation;
import org.tenderhall.template.domain.Template;

/** The template families: what a tender of each kind asks for, as JSON Schema for forms. Public. */
@Path("/api/templates")
@Produces(MediaType.APPLICATION_JSON)
@PermitAll
public class TemplateResource {

    public record Summary(String code, int version, String name, String description, Evaluation.Method method) {
        static Summary of(Template t) {
            return new Summary(t.code(), t.version(), t.name(), t.description(), t.evaluation().method());
        }
    }

    /**
     * @param schema   the {@code values} a tender of this template takes
     * @param manifest the {@code manifest.json} each bid declares for the opening
     * @param example  realistic values that pass every rule (dates aside)
     */
    public record Detail(String code, int version, String name, String description, JsonNode schema,
            List<CrossFieldRule> rules, Evaluation evaluation, JsonNode manifest, JsonNode example) {
    }

    @Inject
    TemplateCatalogue catalogue;

    @GET
    public List<Summary> list() {
        return catalogue.all().stream().map(Summary::of).toList();
    }

    @GET
    @Path("{code}")
    public Detail get(@PathParam("code") String code) {
        Template t = catalogue.get(code);
        String base = "https://tenderhall.org/templates/" + t.code() + "/" + t.version();
        return new Detail(t.code(), t.version(), t.name(), t.description(),
                TemplateSchema.of(base + "/values", t.name(), t.fields()), t.rules(), t.evaluation(),
                TemplateSchema.of(base + "/manifest", t.name() + " 开标一览表", t.manifest()), t.example());
    }
}
