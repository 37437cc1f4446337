package org.tenderhall.bidkit;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.Callable;
import org.tenderhall.pki.domain.Pem;
import org.tenderhall.seal.KeyEnvelopes;
import org.tenderhall.seal.SealException;
import org.tenderhall.seal.Signer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "share", description = "At the opening of a tender under dual control, hand in your share of its"
        + " opening key: the platform gives it encrypted to your certificate, bidkit decrypts it here with your key"
        + " and sends it encrypted to the opening's one-time transport certificate.")
class ShareCommand implements Callable<Integer> {

    /** The transport certificate's common name, before the tender's id (as the platform issues it). */
    static final String TRANSPORT_NAME = "Transport key of tender ";

    @Spec
    CommandSpec spec;

    @Option(names = "--platform", required = true, paramLabel = "URL", description = "the platform (https://…)")
    URI platform;

    @Option(names = "--platform-ca", required = true, paramLabel = "FILE",
            description = "the platform CA's certificate: the transport certificate must be issued by it")
    Path platformCa;

    @Option(names = "--tender", required = true, description = "the tender's id")
    String tender;

    @Mixin
    PlatformLogin login;

    @Mixin
    KeyOptions key;

    @Override
    public Integer call() throws Exception {
        SealCommand.requireSafe(platform);
        X509Certificate ca = certificate(readFile(platformCa), platformCa.toString());
        Signer own = key.load();
        PlatformClient client = new PlatformClient(platform, login.authorization());
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
            X509Certificate transport = transport(client.getBytes("api/tenders/" + tender
                    + "/opening/transport-certificate"), ca);
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

    /** The opening's transport certificate, only if the platform CA issued it for this tender and it is valid. */
    private X509Certificate transport(byte[] pem, X509Certificate ca) throws BidkitException {
        X509Certificate certificate = certificate(pem, "the platform's transport certificate");
        try {
            certificate.verify(ca.getPublicKey());
            certificate.checkValidity();
        } catch (GeneralSecurityException e) {
            throw new BidkitException("The transport certificate is not one the platform CA issued, or not valid now:"
                    + " the share is not sent (" + e.getMessage() + ")");
        }
        if (!(TRANSPORT_NAME + tender).equals(SealCommand.commonName(certificate))) {
            throw new BidkitException("The transport certificate is for '" + SealCommand.commonName(certificate)
                    + "', not for the opening of tender " + tender + ": the share is not sent");
        }
        return certificate;
    }

    private static X509Certificate certificate(byte[] pem, String source) throws BidkitException {
        try {
            return Pem.certificates(pem).get(0);
        } catch (CertificateException | IndexOutOfBoundsException e) {
            throw new BidkitException(source + " holds no certificate in PEM");
        }
    }

    private static byte[] readFile(Path file) throws BidkitException, java.io.IOException {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new BidkitException("No such file: " + file);
        }
    }
}
