package org.tenderhall.seal;

import org.tenderhall.DemoPki;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs the machine's openssl, the independent implementation the envelope must interoperate with. */
public final class Openssl {

    private Openssl() {
    }

    public record Result(int exit, String output) {
    }

    public static Result run(Path workDir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add("openssl");
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(process.waitFor(), output);
    }

    /** Runs openssl and fails the test unless it succeeds. */
    public static String ok(Path workDir, String... args) throws IOException, InterruptedException {
        Result result = run(workDir, args);
        assertThat(result.exit()).as("openssl %s\n%s", String.join(" ", args), result.output()).isZero();
        return result.output();
    }

    /** The unencrypted PEM private key of a demo PKCS#12 file, for openssl's -inkey. */
    public static Path privateKey(Path workDir, String demoName) throws IOException, InterruptedException {
        Path key = workDir.resolve(demoName + ".key.pem");
        ok(workDir, "pkcs12", "-in", DemoPki.p12(demoName).toAbsolutePath().toString(), "-nocerts", "-nodes",
                "-passin", "pass:tenderhall-demo", "-out", key.toString());
        return key;
    }
}
