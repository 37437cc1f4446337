package org.tenderhall.platform.database;

import io.quarkus.runtime.ExecutionMode;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Supplies the datasource URL of the embedded PostgreSQL when no other configuration gives one.
 *
 * <p>When {@code quarkus.datasource.jdbc.url} is set anywhere (environment, system property, properties
 * file) this factory contributes nothing and no embedded server starts. Otherwise its source answers the URL,
 * starting the server at that moment (see {@link EmbeddedDatabase}), and only in a running application: the
 * Quarkus build reads configuration too and must neither start a server nor record its port.
 */
public class EmbeddedDatabaseConfigSourceFactory implements ConfigSourceFactory {

    static final String URL = "quarkus.datasource.jdbc.url";
    static final String USERNAME = "quarkus.datasource.username";
    static final String PASSWORD = "quarkus.datasource.password";
    static final String ACTIVE = "tenderhall.embedded-database.active";
    static final String DIRECTORY = "tenderhall.embedded-database.directory";
    static final String CLEAN_START = "tenderhall.embedded-database.clean-start";
    static final String WATCH_INTERVAL = "tenderhall.embedded-database.watch-interval";

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        if (isSet(context.getValue(URL))) {
            return List.of();
        }
        Path directory = Path.of(valueOr(context.getValue(DIRECTORY), "data/pg"));
        boolean cleanStart = Boolean.parseBoolean(valueOr(context.getValue(CLEAN_START), "false"));
        Duration watchInterval = DurationConverter.parseDuration(valueOr(context.getValue(WATCH_INTERVAL), "1S"));
        return List.of(new EmbeddedDatabaseConfigSource(directory, cleanStart, watchInterval));
    }

    private static boolean isSet(ConfigValue value) {
        return value != null && value.getValue() != null && !value.getValue().isBlank();
    }

    private static String valueOr(ConfigValue value, String fallback) {
        return isSet(value) ? value.getValue() : fallback;
    }

    static final class EmbeddedDatabaseConfigSource implements ConfigSource {
        private final Path directory;
        private final boolean cleanStart;
        private final Duration watchInterval;

        EmbeddedDatabaseConfigSource(Path directory, boolean cleanStart, Duration watchInterval) {
            this.directory = directory;
            this.cleanStart = cleanStart;
            this.watchInterval = watchInterval;
        }

        @Override
        public Set<String> getPropertyNames() {
            return Set.of(URL, USERNAME, PASSWORD, ACTIVE);
        }

        @Override
        public Map<String, String> getProperties() {
            // Listing must not start the server; only asking for the URL or the password does.
            return Map.of(USERNAME, EmbeddedDatabase.USER, ACTIVE, "true");
        }

        @Override
        public String getValue(String name) {
            if (ExecutionMode.current() == ExecutionMode.UNSET) {
                // The build reads configuration too, and would bake whatever it sees into the jar's defaults:
                // the embedded server belongs to a running application only.
                return null;
            }
            return switch (name) {
                case URL -> EmbeddedDatabase.jdbcUrl(directory, cleanStart, watchInterval);
                case PASSWORD -> EmbeddedDatabase.password(directory, cleanStart, watchInterval);
                case USERNAME -> EmbeddedDatabase.USER;
                case ACTIVE -> "true";
                default -> null;
            };
        }

        @Override
        public String getName() {
            return "tenderhall-embedded-database";
        }

        @Override
        public int getOrdinal() {
            // Below application.properties (250) and the environment (300): anything configured wins.
            return 150;
        }
    }
}
