package org.tenderhall.bidkit;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import org.tenderhall.pki.domain.Pem;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What a command that hands something in at an opening needs (share, decrypt): the platform, its CA, the tender,
 * the sign-in; and the opening's one-time transport certificate, which shares and content keys are handed in
 * encrypted to, trusted only if the platform CA issued it for this tender's opening and it is valid now.
 */
class OpeningTransport {

    /** The transport certificate's common name, before the tender's id (as the platform issues it). */
    static final String NAME = "Transport key of tender ";

    @Option(names = "--platform", required = true, paramLabel = "URL", description = "the platform (https://…)")
    URI platform;

    @Option(names = "--platform-ca", required = true, paramLabel = "FILE",
            description = "the platform CA's certificate: the transport certificate must be issued by it")
    Path platformCa;

    @Option(names = "--tender", required = true, description = "the tender's id")
    String tender;

    @Mixin
    PlatformLogin login;

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    /** A client of the platform, signed in; refused for plain http other than to this machine. */
    PlatformClient client() throws BidkitException, IOException {
        SealCommand.requireSafe(platform);
        return new PlatformClient(platform, login.authorization());
    }

    /** The opening's transport certificate, checked against the platform CA. */
    X509Certificate certificate(PlatformClient client) throws BidkitException, IOException, PlatformRefusal {
        return certificate(client, tender, platformCa(platformCa), Bidkit.now(command));
    }

    private static X509Certificate platformCa(Path file) throws BidkitException, IOException {
        try {
            return certificate(Files.readAllBytes(file), file.toString());
        } catch (NoSuchFileException e) {
            throw new BidkitException("No such file: " + file);
        }
    }

    private static X509Certificate certificate(PlatformClient client, String tender, X509Certificate ca, Instant now)
            throws BidkitException, IOException, PlatformRefusal {
        X509Certificate certificate = certificate(client.getBytes("api/tenders/" + tender
                + "/opening/transport-certificate"), "the platform's transport certificate");
        try {
            certificate.verify(ca.getPublicKey());
            certificate.checkValidity(java.util.Date.from(now));
        } catch (GeneralSecurityException e) {
            throw new BidkitException("The transport certificate is not one the platform CA issued, or not valid now:"
                    + " nothing is sent (" + e.getMessage() + ")");
        }
        if (!(NAME + tender).equals(SealCommand.commonName(certificate))) {
            throw new BidkitException("The transport certificate is for '" + SealCommand.commonName(certificate)
                    + "', not for the opening of tender " + tender + ": nothing is sent");
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
}
