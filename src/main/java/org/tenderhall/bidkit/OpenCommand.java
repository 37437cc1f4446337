package org.tenderhall.bidkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;
import org.tenderhall.seal.BidOpener;
import org.tenderhall.seal.EnvelopeInspector;
import org.tenderhall.seal.Inspection;
import org.tenderhall.seal.OpenedBid;
import org.tenderhall.seal.Signer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "open", description = "Decrypt your own sealed bid with your own key, to check it before sending: "
        + "it must open, and be signed by the signer of the envelope.")
class OpenCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    KeyOptions key;

    @Option(names = "--envelope", required = true, description = "the sealed bid (bid.cms)")
    Path envelope;

    @Option(names = "--signature", description = "its outer signature (default: the envelope's name + .p7s)")
    Path signature;

    @Option(names = "--out", defaultValue = ".", description = "where to write package.zip")
    Path out;

    @Override
    public Integer call() throws Exception {
        Path signatureFile = signature != null ? signature : Path.of(envelope + ".p7s");
        for (Path file : new Path[] {envelope, signatureFile}) {
            if (!Files.isRegularFile(file)) {
                throw new BidkitException("No such file: " + file);
            }
        }
        Signer own = key.load();
        Inspection inspection = EnvelopeInspector.inspect(envelope, Files.readAllBytes(signatureFile));
        Files.createDirectories(out);
        OpenedBid opened = BidOpener.open(envelope, inspection.signer(), own.key(), own.certificate(), out);
        Path bidPackage = Files.move(opened.bidPackage(), out.resolve("package.zip"), StandardCopyOption.REPLACE_EXISTING);
        spec.commandLine().getOut().printf("Opened %s: package %s (%d bytes, SHA-256 %s), signed by %s%n", envelope,
                bidPackage, opened.packageSize(), opened.packageSha256(),
                opened.signer().getSubjectX500Principal());
        return 0;
    }
}
