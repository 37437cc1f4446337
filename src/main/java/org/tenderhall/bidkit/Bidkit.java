package org.tenderhall.bidkit;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import org.tenderhall.pki.domain.CertificateRejected;
import org.tenderhall.seal.SealException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The bidders' tool: {@code java -jar bidkit.jar seal|verify|open|submit|receipt|share|decrypt ...}. Every command
 * inherits {@code --help} and {@code --version} (and the exit codes in its help) from here.
 */
@Command(name = "bidkit", scope = ScopeType.INHERIT, mixinStandardHelpOptions = true,
        version = "bidkit (Tenderhall) 0.1",
        description = "Seal a bid for Tenderhall, check it as the platform will, open your own bid, submit it and check"
                + " its receipt; at an opening, hand in a key share or your bid's content key.",
        subcommands = {SealCommand.class, VerifyCommand.class, OpenCommand.class, SubmitCommand.class,
            ReceiptCommand.class, ShareCommand.class, DecryptCommand.class, HelpCommand.class},
        footer = "%nbidkit COMMAND --help (or bidkit help COMMAND) shows a command's options.",
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:done (or help shown)", "1:refused: the bid or receipt would not hold (REFUSED or INVALID, and"
                + " why)", "2:the command could not run, or was given wrongly (the message says why)"})
public class Bidkit implements Runnable {

    /** Exit code of a bid the platform would refuse. */
    static final int REFUSED = 1;
    /** Exit code of a problem with the command itself: a missing file, a wrong password. */
    static final int USAGE = 2;

    public static void main(String[] args) {
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return run(Clock.systemUTC(), out, err, args);
    }

    /** Runs a command that tells time by {@code clock} (a test runs bidkit on the platform's clock). */
    public static int run(Clock clock, PrintWriter out, PrintWriter err, String... args) {
        CommandLine commandLine = new CommandLine(new Bidkit(clock));
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setParameterExceptionHandler(Bidkit::misused);
        commandLine.setExecutionExceptionHandler((e, line, parsed) -> {
            if (e instanceof BidkitException) {
                err.println("bidkit: " + e.getMessage());
                return USAGE;
            }
            if (e instanceof SealException sealed) {
                err.println("REFUSED (" + sealed.reason().slug() + "): " + e.getMessage());
                return REFUSED;
            }
            if (e instanceof PlatformRefusal refused) {
                err.println("REFUSED (" + refused.slug() + "): " + e.getMessage());
                return REFUSED;
            }
            if (e instanceof ReceiptCommand.ReceiptInvalid invalid) {
                err.println("INVALID: " + invalid.getMessage());
                return REFUSED;
            }
            if (e instanceof CertificateRejected rejected) {
                err.println("REFUSED (" + rejected.reason().slug() + "): " + e.getMessage());
                return REFUSED;
            }
            err.println("bidkit: unexpected error: " + e);
            return USAGE;
        });
        return commandLine.execute(args);
    }

    /**
     * A command given wrongly: the message first, then the list of commands where one was to be chosen, or else
     * where to read a command's options (its whole help would push the message off the screen).
     */
    private static int misused(CommandLine.ParameterException e, String[] args) {
        CommandLine line = e.getCommandLine();
        PrintWriter err = line.getErr();
        err.println("bidkit: " + e.getMessage().replaceFirst("^Error: ", ""));
        CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
        if (line.getSubcommands().isEmpty()) {
            err.println("See '" + line.getCommandSpec().qualifiedName() + " --help' for its options.");
        } else {
            line.usage(err);
        }
        return USAGE;
    }

    @Spec
    CommandSpec spec;

    private final Clock clock;

    Bidkit(Clock clock) {
        this.clock = clock;
    }

    /** Now, for the command of {@code spec}: certificates are checked as valid or not at this time. */
    static Instant now(CommandSpec spec) {
        return ((Bidkit) spec.root().userObject()).clock.instant();
    }

    /** No command given: the list of commands, as a usage error (exit 2), so a script that forgot it fails. */
    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Say which command to run:");
    }
}
