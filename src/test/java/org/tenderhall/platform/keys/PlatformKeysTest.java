package org.tenderhall.platform.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tenderhall.platform.problem.Rejection;
import org.tenderhall.seal.Signer;

class PlatformKeysTest {

    private static final Path DEMO_SIGNING = Path.of("keys/demo/platform/document-signing.p12");
    private static final Path DEMO_KEK = Path.of("keys/demo/platform/kek.p12");

    private static PlatformKeys keys(boolean embeddedDatabase, boolean allowDemo) {
        PlatformKeys keys = new PlatformKeys();
        keys.embeddedDatabase = embeddedDatabase;
        keys.allowDemo = allowDemo;
        return keys;
    }

    @Test
    void the_demo_keys_serve_a_demo_platform_on_its_embedded_database() {
        assertThat(keys(true, false).signer("signing", "p", DEMO_SIGNING, "tenderhall-demo", PlatformKeys.UNAVAILABLE,
                        Signer::fromPkcs12)
                .certificate().getSubjectX500Principal().getName()).contains("document signing");
        assertThat(keys(true, false).secretKey("kek", "p", DEMO_KEK, "tenderhall-demo", "kek").getAlgorithm())
                .isEqualTo("AES");
    }

    @Test
    void the_demo_keys_are_refused_on_an_external_database() {
        assertThatThrownBy(() -> keys(false, false).signer("signing", "p", DEMO_SIGNING, "tenderhall-demo",
                PlatformKeys.UNAVAILABLE, Signer::fromPkcs12)).isInstanceOf(Rejection.class)
                .satisfies(e -> assertThat(((Rejection) e).type()).isEqualTo(PlatformKeys.UNAVAILABLE))
                .hasMessageNotContaining("keys/demo"); // the client is not told where keys live
        assertThatThrownBy(() -> keys(false, false).secretKey("kek", "p", DEMO_KEK, "tenderhall-demo", "kek"))
                .isInstanceOf(Rejection.class);
    }

    @Test
    void a_production_key_is_used_on_an_external_database(@TempDir Path dir) throws Exception {
        Path production = Files.copy(DEMO_SIGNING, dir.resolve("signing.p12"));
        assertThat(keys(false, false).signer("signing", "p", production, "tenderhall-demo", PlatformKeys.UNAVAILABLE,
                Signer::fromPkcs12))
                .isNotNull();
    }

    @Test
    void a_missing_key_file_or_wrong_password_or_alias_is_unavailable(@TempDir Path dir) {
        assertThatThrownBy(() -> keys(true, false).signer("signing", "p", dir.resolve("none.p12"), "x",
                PlatformKeys.UNAVAILABLE, Signer::fromPkcs12)).isInstanceOf(Rejection.class);
        assertThatThrownBy(() -> keys(true, false).signer("signing", "p", DEMO_SIGNING, "wrong",
                PlatformKeys.UNAVAILABLE, Signer::fromPkcs12)).isInstanceOf(Rejection.class);
        assertThatThrownBy(() -> keys(true, false).secretKey("kek", "p", DEMO_KEK, "tenderhall-demo", "other"))
                .isInstanceOf(Rejection.class);
    }
}
