package org.tenderhall.template;

import io.smallrye.config.ConfigMapping;
import java.nio.file.Path;
import java.util.Optional;

/** {@code tenderhall.templates.*}. */
@ConfigMapping(prefix = "tenderhall.templates")
public interface TemplateConfig {

    /** A folder of template families to publish from instead of the {@code bid-templates} packaged in the jar. */
    Optional<Path> directory();
}
