package org.tenderhall.bidkit;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.Callable;
import org.tenderhall.seal.KeyEnvelopes;
import org.tenderhall.seal.SealException;
import org.tenderhall.seal.Signer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "share", header = "At an opening under dual control, hand in your share of its key.",
        description = "At the opening of a tender under dual control, hand in your share of its"
        + " opening key: the platform gives it encrypted to your certificate, bidkit decrypts it here with your key"
        + " and sends it encrypted to the opening's one-time transport certificate.")
class ShareCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    OpeningTransport opening;

    @Mixin
    KeyOptions key;

    @Override
    public Integer call() throws Exception {
        PlatformClient client = opening.client();
        Signer own = key.load();
        String tender = opening.tender;
        byte[] share;
        try {
            share = KeyEnvelopes.decrypt(client.getBytes("api/tenders/" + tender + "/opening/shares/mine"),
                    own.key(), own.certificate());
        } catch (SealException e) {
            throw new BidkitException("Your key does not open the share the platform gave: " + e.getMessage());
        }
        try {
            Map<String, String> fields = PlatformClient.fields(new String(share, StandardCharsets.UTF_8));
            if (!tender.equals(fields.get("tenderId"))) {
                throw new BidkitException("The share the platform gave is for tender " + fields.get("tenderId")
                        + ", not " + tender + ": not handed in");
            }
            X509Certificate transport = opening.certificate(client);
            String answer = client.postBytes("api/tenders/" + tender + "/opening/shares",
                    KeyEnvelopes.encrypt(share, transport), "application/pkcs7-mime");
            Map<String, String> handedIn = PlatformClient.fields(answer);
            spec.commandLine().getOut().printf("Share %s of the opening key of tender %s handed in by %s at %s%n",
                    handedIn.get("share"), tender, handedIn.get("custodian"), handedIn.get("handedInAt"));
            return 0;
        } finally {
            Arrays.fill(share, (byte) 0);
        }
    }

}
