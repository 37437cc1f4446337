package org.tenderhall;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

class OutsideToolsTest {

    @Test
    void a_missing_tool_names_the_package_to_install_and_skips_or_fails_under_ci() {
        Class<? extends Throwable> outcome = "true".equals(System.getenv("TENDERHALL_CI"))
                ? AssertionFailedError.class : TestAbortedException.class;
        assertThatThrownBy(() -> OutsideTools.require("tenderhall-no-such-tool", "some-package"))
                .isInstanceOf(outcome)
                .hasMessageContaining("tenderhall-no-such-tool is not installed: apt-get install some-package");
        assertThatThrownBy(() -> OutsideTools.requireFile(Path.of("/no/such/libtool.so"), "libtool-package"))
                .isInstanceOf(outcome).hasMessageContaining("apt-get install libtool-package");
    }

    @Test
    void a_tool_on_the_path_is_found() {
        assertThatCode(() -> OutsideTools.require("sh", "dash")).doesNotThrowAnyException();
    }
}
