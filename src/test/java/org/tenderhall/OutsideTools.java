package org.tenderhall;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Programs from the machine's packages that some tests run as independent checks (poppler's pdftotext, SoftHSM2,
 * curl, jq). When one is missing, the test says which package to install: on a developer's machine it is skipped
 * with that message; under {@code .ci/run}, which installs them all and sets {@code TENDERHALL_CI=true}, it fails,
 * so CI never passes by skipping.
 */
public final class OutsideTools {

    private OutsideTools() {
    }

    /** The command must be on the PATH; it comes in Debian's {@code debianPackage}. */
    public static void require(String command, String debianPackage) {
        boolean found = Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, command)));
        present(found, command, debianPackage);
    }

    /** The file (a library) must exist; it comes in Debian's {@code debianPackage}. */
    public static void requireFile(Path file, String debianPackage) {
        present(Files.exists(file), file.toString(), debianPackage);
    }

    private static void present(boolean found, String what, String debianPackage) {
        if (found) {
            return;
        }
        String message = what + " is not installed: apt-get install " + debianPackage + " (.ci/run does)";
        if ("true".equals(System.getenv("TENDERHALL_CI"))) {
            Assertions.fail(message);
        }
        Assumptions.abort(message);
    }
}
