package org.tenderhall.identity;

import io.quarkus.runtime.ExecutionMode;
import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.common.MapBackedConfigSource;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * A random per-process key for the login form's session cookie when none is configured, so that no key is
 * ever logged or shipped in the jar. Browser sessions then end with a restart; production sets
 * {@code QUARKUS_HTTP_AUTH_SESSION_ENCRYPTION_KEY} to keep them across restarts and instances.
 */
public class SessionKeyConfigSourceFactory implements ConfigSourceFactory {

    static final String KEY = "quarkus.http.auth.session.encryption-key";

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        ConfigValue configured = context.getValue(KEY);
        if (ExecutionMode.current() == ExecutionMode.UNSET
                || configured != null && configured.getValue() != null && !configured.getValue().isBlank()) {
            return List.of(); // at build time nothing may be baked into the jar
        }
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return List.of(new MapBackedConfigSource("tenderhall-session-key", Map.of(KEY,
                Base64.getEncoder().encodeToString(key)), 150) {
        });
    }
}
