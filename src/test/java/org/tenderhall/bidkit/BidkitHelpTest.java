package org.tenderhall.bidkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Every command of bidkit explains itself: {@code --help} works before any required option is checked, and
 * {@code bidkit} alone lists every command. The commands are taken from bidkit's own picocli model, so a command
 * added later is checked too.
 */
class BidkitHelpTest {

    record Run(int exit, String out, String err) {
    }

    private static Run bidkit(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Bidkit.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(exit, out.toString(), err.toString());
    }

    private static CommandSpec root() {
        return new CommandLine(new Bidkit(java.time.Clock.systemUTC())).getCommandSpec();
    }

    /** Every command below bidkit, at any depth ({@code receipt verify}), as the words that call it. */
    private static List<List<String>> commands(CommandSpec spec, List<String> path) {
        List<List<String>> all = new ArrayList<>();
        for (var sub : spec.subcommands().entrySet()) {
            List<String> words = new ArrayList<>(path);
            words.add(sub.getKey());
            all.add(words);
            all.addAll(commands(sub.getValue().getCommandSpec(), words));
        }
        return all;
    }

    /** What the list of commands shows for one: its header, or else the first line of its description. */
    private static String summary(CommandSpec command) {
        String[] header = command.usageMessage().header();
        return header.length > 0 ? header[0] : command.usageMessage().description()[0];
    }

    @Test
    void there_are_the_seven_commands_and_help() {
        assertThat(root().subcommands().keySet()).containsExactlyInAnyOrder("seal", "verify", "open", "submit",
                "receipt", "share", "decrypt", "help");
    }

    @Test
    void every_command_answers_help_with_its_usage_and_exit_0() {
        List<List<String>> commands = commands(root(), List.of());
        assertThat(commands).hasSizeGreaterThan(8); // receipt verify too
        for (List<String> words : commands) {
            for (String help : List.of("--help", "-h")) {
                List<String> args = new ArrayList<>(words);
                args.add(help);
                Run run = bidkit(args.toArray(String[]::new));
                String called = "bidkit " + String.join(" ", words);
                assertThat(run.exit()).as(called + " " + help + ": " + run.err()).isZero();
                assertThat(run.err()).as(called + " " + help).isEmpty();
                assertThat(run.out()).as(called + " " + help).contains("Usage: " + called);
            }
        }
    }

    @Test
    void help_names_a_command_to_show_its_usage() {
        for (String command : root().subcommands().keySet()) {
            Run run = bidkit("help", command);
            assertThat(run.exit()).as(command).isZero();
            assertThat(run.out()).as(command).contains("Usage: bidkit " + command);
        }
    }

    @Test
    void without_arguments_bidkit_lists_every_command_with_a_one_line_summary_as_a_usage_error() {
        Run run = bidkit();

        assertThat(run.exit()).isEqualTo(Bidkit.USAGE);
        assertThat(run.out()).isEmpty();
        assertListsEveryCommand(run.err());
    }

    @Test
    void bidkit_help_lists_every_command_and_exits_0() {
        for (String help : List.of("--help", "-h", "help")) {
            Run run = bidkit(help);
            assertThat(run.exit()).as(help).isZero();
            assertListsEveryCommand(run.out());
        }
    }

    private static void assertListsEveryCommand(String shown) {
        for (var command : root().subcommands().entrySet()) {
            String summary = summary(command.getValue().getCommandSpec());
            assertThat(summary).as(command.getKey()).isNotBlank();
            // The whole summary on the command's own line: one line each, not wrapped.
            assertThat(shown).as(command.getKey()).containsPattern(Pattern.compile(
                    "(?m)^  " + Pattern.quote(command.getKey()) + " +" + Pattern.quote(summary) + "$"));
        }
    }

    @Test
    void receipt_alone_lists_its_commands_as_a_usage_error() {
        Run run = bidkit("receipt");

        assertThat(run.exit()).isEqualTo(Bidkit.USAGE);
        assertThat(run.err()).containsPattern("(?m)^  verify +Check a receipt");
    }

    @Test
    void an_unknown_option_is_a_usage_error_that_says_where_the_help_is() {
        Run run = bidkit("seal", "--folder", "bid", "--key", "k.p12", "--opening-certificate", "o.pem", "--bogus");

        assertThat(run.exit()).isEqualTo(Bidkit.USAGE);
        assertThat(run.err()).isEqualTo(String.join(System.lineSeparator(), "bidkit: Unknown option: '--bogus'",
                "See 'bidkit seal --help' for its options.", ""));
    }

    @Test
    void a_missing_required_option_is_a_usage_error_named_in_one_line() {
        for (String[] args : List.of(new String[] {"seal", "--key", "k.p12", "--opening-certificate", "o.pem"},
                new String[] {"seal", "--folder", "bid", "--key", "k.p12"},
                new String[] {"receipt", "verify", "--receipt", "r.json"})) {
            Run run = bidkit(args);
            assertThat(run.exit()).as(Arrays.toString(args)).isEqualTo(Bidkit.USAGE);
            assertThat(run.err().lines().findFirst()).as(Arrays.toString(args))
                    .hasValueSatisfying(line -> assertThat(line).startsWith("bidkit: Missing required"));
        }
    }

    @Test
    void version_is_answered_by_bidkit_and_by_each_command() {
        for (String[] args : List.of(new String[] {"--version"}, new String[] {"submit", "-V"})) {
            Run run = bidkit(args);
            assertThat(run.exit()).isZero();
            assertThat(run.out()).startsWith("bidkit (Tenderhall)");
        }
    }
}
