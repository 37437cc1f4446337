package org.tenderhall.packaged;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tenderhall.OutsideTools;

/**
 * The README's walk-through, run as a new user runs it: its shell blocks, as they stand in README.md, against the
 * packaged platform on a fresh start, from publication through three sealed bids to the signed opening record.
 * Only two things differ from the user's terminal: the platform's port, and the opening 90 seconds away instead of
 * five minutes (the platform opens at its real time: a packaged jar has no clock a test could move).
 */
class ReadmeWalkthroughIT {

    private static final String PLATFORM_LINE = "P=http://localhost:8080 ";
    private static final String FIVE_MINUTES = "date -d '+5 min'";

    @Test
    void a_new_user_following_the_readme_reaches_a_signed_opening_record(@TempDir Path workDir) throws Exception {
        OutsideTools.require("curl", "curl");
        OutsideTools.require("jq", "jq");
        String script = walkthrough(Files.readString(Path.of("README.md"), StandardCharsets.UTF_8));
        assertThat(script).contains(PLATFORM_LINE, FIVE_MINUTES);

        // The user starts the platform in the repository's folder, where it finds the demo keys.
        Files.createSymbolicLink(workDir.resolve("keys"), Path.of("keys").toAbsolutePath());
        try (RunningPlatform platform = RunningPlatform.start(workDir,
                Map.of("TENDERHALL_OPENING_CHECK_INTERVAL", "1s"))) {
            Path output = workDir.resolve("walkthrough.log");
            ProcessBuilder bash = new ProcessBuilder("bash", "-euo", "pipefail", "-c",
                    script.replace(PLATFORM_LINE, "P=http://localhost:" + platform.port + " ")
                            .replace(FIVE_MINUTES, "date -d '+90 sec'")
                            + "\necho \"walkthrough folder: $PWD\"\n")
                    .redirectErrorStream(true).redirectOutput(output.toFile());
            bash.environment().put("TMPDIR", workDir.toString());
            Process run = bash.start();
            boolean ended = run.waitFor(4, TimeUnit.MINUTES);
            if (!ended) {
                run.destroyForcibly();
            }
            String log = Files.readString(output, StandardCharsets.UTF_8);
            assertThat(ended).as("the walk-through ended within 4 minutes:\n%s", log).isTrue();
            assertThat(run.exitValue()).as("the walk-through's exit code:\n%s\n%s", log, platform.logText()).isZero();

            assertThat(log.split("Submitted: bid", -1)).as(log).hasSize(4);
            assertThat(log).contains("event:record-complete", "\"price\": \"9150000.00\"", "\"price\": \"9250000.00\"",
                    "\"price\": \"9350000.00\"");
            Matcher folder = Pattern.compile("walkthrough folder: (.+)").matcher(log);
            assertThat(folder.find()).isTrue();
            byte[] record = Files.readAllBytes(Path.of(folder.group(1).trim(), "record.pdf"));
            assertThat(new String(record, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        }
    }

    /** The shell blocks between the walk-through's marks, one after the other. */
    static String walkthrough(String readme) {
        int start = readme.indexOf("<!-- walkthrough");
        int end = readme.indexOf("<!-- end of walkthrough -->");
        assertThat(start).as("README.md marks its walk-through").isNotNegative();
        assertThat(end).isGreaterThan(start);
        List<String> blocks = new ArrayList<>();
        Matcher block = Pattern.compile("```sh\n(.*?)```", Pattern.DOTALL).matcher(readme.substring(start, end));
        while (block.find()) {
            blocks.add(block.group(1));
        }
        assertThat(blocks).hasSize(3);
        return String.join("\n", blocks);
    }
}
