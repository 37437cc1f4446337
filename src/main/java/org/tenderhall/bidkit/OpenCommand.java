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

@Command(name = "open", header = "Decrypt your own sealed bid with your own key, to check it.",
        description = "Decrypt your own sealed bid with your own key, to check it before sending: "
        + "it must open, and be signed by the signer of the envelope.")
class OpenCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    KeyOptions key;

    @Mixin
    EnvelopeOptions sealed;

    @Option(names = "--out", defaultValue = ".", description = "where to write package.zip")
    Path out;

    @Override
    public Integer call() throws Exception {
        Path envelope = sealed.envelope();
        byte[] signature = sealed.signature();
        Signer own = key.load();
        Inspection inspection = EnvelopeInspector.inspect(envelope, signature);
        Files.createDirectories(out);
        OpenedBid opened = BidOpener.open(envelope, inspection, own.key(), own.certificate(), out);
        Path bidPackage = Files.move(opened.bidPackage(), out.resolve("package.zip"), StandardCopyOption.REPLACE_EXISTING);
        spec.commandLine().getOut().printf("Opened %s: package %s (%d bytes, SHA-256 %s), signed by %s%n", envelope,
                bidPackage, opened.packageSize(), opened.packageSha256(),
                opened.signer().getSubjectX500Principal());
        return 0;
    }
}
