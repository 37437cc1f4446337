package org.tenderhall.bidkit;

import java.io.PrintWriter;
import org.tenderhall.pki.domain.CertificateRejected;
import org.tenderhall.seal.SealException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The bidders' tool: {@code java -jar bidkit.jar seal|verify|open ...}. */
@Command(name = "bidkit", mixinStandardHelpOptions = true, version = "bidkit (Tenderhall) 0.1",
        description = "Seal a bid for Tenderhall, check it as the platform will, open your own bid, submit it, and"
                + " check its receipt.",
        subcommands = {SealCommand.class, VerifyCommand.class, OpenCommand.class, SubmitCommand.class, ShareCommand.class, DecryptCommand.class,
            ReceiptCommand.class})
public class Bidkit implements Runnable {

    /** Exit code of a bid the platform would refuse. */
    static final int REFUSED = 1;
    /** Exit code of a problem with the command itself: a missing file, a wrong password. */
    static final int USAGE = 2;

    public static void main(String[] args) {
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine commandLine = new CommandLine(new Bidkit());
        commandLine.setOut(out);
        commandLine.setErr(err);
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

    @Override
    public void run() {
        throw new CommandLine.ParameterException(new CommandLine(this), "Say what to do: seal, verify, open, submit or receipt");
    }
}
