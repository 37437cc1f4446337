package org.tenderhall.platform.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

@QuarkusTest
class EmbeddedDatabaseTest {

    @Inject
    AgroalDataSource database;

    @ConfigProperty(name = "tenderhall.embedded-database.active", defaultValue = "false")
    boolean embedded;

    @Test
    void the_embedded_server_writes_durably_unlike_zonkys_test_defaults() throws Exception {
        assumeTrue(embedded, "the tests run against an external server, whose settings are its operator's");
        assertThat(setting("fsync")).isEqualTo("on");
        assertThat(setting("synchronous_commit")).isEqualTo("on");
        assertThat(setting("full_page_writes")).isEqualTo("on");
    }

    private String setting(String name) throws Exception {
        try (Connection c = database.getConnection(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("show " + name)) {
            r.next();
            return r.getString(1);
        }
    }
}
