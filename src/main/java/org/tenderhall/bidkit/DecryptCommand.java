package org.tenderhall.bidkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.Callable;
import org.tenderhall.seal.ContentKeyDocument;
import org.tenderhall.seal.ContentKeys;
import org.tenderhall.seal.KeyEnvelopes;
import org.tenderhall.seal.SealException;
import org.tenderhall.seal.Signer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "decrypt", header = "At an opening where bidders decrypt, hand in your bid's content key.",
        description = "At the opening of a tender where bidders decrypt their own bids: take your"
        + " bid's content key out with your own key, here, and hand it in encrypted to the opening's one-time"
        + " transport certificate. Your private key never leaves this machine.")
class DecryptCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--envelope", required = true, paramLabel = "FILE", description = "your sealed bid (bid.cms), as submitted")
    Path envelope;

    @Mixin
    OpeningTransport opening;

    @Mixin
    KeyOptions key;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(envelope)) {
            throw new BidkitException("No such file: " + envelope);
        }
        PlatformClient client = opening.client();
        Signer own = key.load();
        byte[] contentKey;
        try {
            contentKey = ContentKeys.extract(envelope, own.key(), own.certificate());
        } catch (SealException e) {
            throw new BidkitException("Your key does not take the content key out of " + envelope + ": "
                    + e.getMessage());
        }
        try {
            X509Certificate transport = opening.certificate(client);
            byte[] document = ContentKeyDocument.of(opening.tender, ReceiptCommand.Verify.sha256(envelope), contentKey).bytes();
            String answer = client.postBytes("api/tenders/" + opening.tender + "/opening/keys",
                    KeyEnvelopes.encrypt(document, transport), "application/pkcs7-mime");
            Map<String, String> handedIn = PlatformClient.fields(answer);
            spec.commandLine().getOut().printf("The content key of bid %s handed in for the opening of tender %s at %s%n",
                    handedIn.get("bid"), opening.tender, handedIn.get("handedInAt"));
            return 0;
        } finally {
            Arrays.fill(contentKey, (byte) 0);
        }
    }
}
