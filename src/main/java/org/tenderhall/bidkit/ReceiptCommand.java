package org.tenderhall.bidkit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.Callable;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampToken;
import org.bouncycastle.util.Selector;
import org.tenderhall.pki.domain.Pem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "receipt", header = "Check a receipt the platform gave: bidkit receipt verify.",
        description = "Check receipts.", subcommands = ReceiptCommand.Verify.class)
class ReceiptCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "Say which command to run:");
    }

    @Command(name = "verify", header = "Check a receipt's signature and timestamp, and the envelope it names.",
            description = "Check a receipt the platform gave: its CMS signature and its RFC 3161 "
            + "timestamp, both to the platform CA, and (with --envelope) that it names this envelope.")
    static class Verify implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--receipt", required = true, paramLabel = "FILE", description = "the receipt (JSON) bidkit"
                + " submit saved, or GET /api/receipts/{id}")
        Path receipt;

        @Option(names = "--platform-ca", required = true, paramLabel = "FILE", description = "the platform CA (PEM)")
        Path platformCa;

        @Option(names = "--envelope", paramLabel = "FILE", description = "the sealed bid the receipt should name")
        Path envelope;

        @Override
        public Integer call() throws Exception {
            Map<String, String> parts = PlatformClient.fields(read(receipt, "receipt"));
            byte[] content = decode(parts, "content");
            byte[] signature = decode(parts, "signature");
            byte[] timestamp = decode(parts, "timestamp");
            X509Certificate ca = Pem.certificates(Files.readAllBytes(platformCa)).get(0);
            Map<String, String> facts = PlatformClient.fields(new String(content, StandardCharsets.UTF_8));

            X509Certificate signer = verifySignature(content, signature, ca);
            TimeStampToken token = verifyTimestamp(content, timestamp, ca);
            var out = spec.commandLine().getOut();
            out.printf("Receipt %s (%s): bid %s of %s for tender %s, lot %s%n", facts.get("sequence"), facts.get("kind"),
                    facts.get("bidId"), facts.get("bidder"), facts.get("tenderId"), facts.get("lot"));
            out.printf("  received at %s; envelope SHA-256 %s, %s bytes%n", facts.get("receivedAt"),
                    facts.get("envelopeSha256"), facts.get("size"));
            out.printf("  signature: valid, by %s%n", signer.getSubjectX500Principal().getName());
            out.printf("  timestamp: valid, %s, serial %s%n", token.getTimeStampInfo().getGenTime().toInstant(),
                    token.getTimeStampInfo().getSerialNumber());
            if (envelope != null) {
                String sha256 = sha256(envelope);
                if (!sha256.equals(facts.get("envelopeSha256"))) {
                    throw new ReceiptInvalid("The receipt names envelope " + facts.get("envelopeSha256") + ", but "
                            + envelope + " is " + sha256);
                }
                out.printf("  envelope: %s matches%n", envelope);
            }
            out.println("OK");
            return 0;
        }

        private static X509Certificate verifySignature(byte[] content, byte[] signature, X509Certificate ca)
                throws ReceiptInvalid {
            try {
                CMSSignedData signed = new CMSSignedData(new CMSProcessableByteArray(content), signature);
                SignerInformation signer = signed.getSignerInfos().getSigners().iterator().next();
                @SuppressWarnings("unchecked")
                Selector<X509CertificateHolder> selector = (Selector<X509CertificateHolder>) (Selector<?>) signer.getSID();
                X509CertificateHolder holder = signed.getCertificates().getMatches(selector).iterator().next();
                X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(holder);
                if (!signer.verify(new JcaSimpleSignerInfoVerifierBuilder().build(certificate))) {
                    throw new ReceiptInvalid("The receipt's signature does not verify: it was changed");
                }
                certificate.verify(ca.getPublicKey());
                return certificate;
            } catch (ReceiptInvalid e) {
                throw e;
            } catch (CMSException | OperatorCreationException | GeneralSecurityException | RuntimeException e) {
                throw new ReceiptInvalid("The receipt's signature is not valid or not the platform's: " + e.getMessage());
            }
        }

        private static TimeStampToken verifyTimestamp(byte[] content, byte[] timestamp, X509Certificate ca)
                throws ReceiptInvalid {
            try {
                TimeStampToken token = new TimeStampToken(new CMSSignedData(timestamp));
                @SuppressWarnings("unchecked")
                Selector<X509CertificateHolder> selector = (Selector<X509CertificateHolder>) (Selector<?>) token.getSID();
                X509CertificateHolder holder = token.getCertificates().getMatches(selector).iterator().next();
                X509Certificate tsa = new JcaX509CertificateConverter().getCertificate(holder);
                token.validate(new JcaSimpleSignerInfoVerifierBuilder().build(tsa)); // also the timeStamping EKU
                tsa.verify(ca.getPublicKey());
                if (!token.getTimeStampInfo().getMessageImprintAlgOID().equals(NISTObjectIdentifiers.id_sha256)
                        || !Arrays.equals(token.getTimeStampInfo().getMessageImprintDigest(),
                                MessageDigest.getInstance("SHA-256").digest(content))) {
                    throw new ReceiptInvalid("The timestamp is over other bytes than the receipt's");
                }
                return token;
            } catch (ReceiptInvalid e) {
                throw e;
            } catch (TSPException | CMSException | IOException | OperatorCreationException | GeneralSecurityException
                    | RuntimeException e) {
                throw new ReceiptInvalid("The receipt's timestamp is not valid or not the platform TSA's: "
                        + e.getMessage());
            }
        }

        private static byte[] decode(Map<String, String> parts, String name) throws BidkitException {
            String value = parts.get(name);
            if (value == null) {
                throw new BidkitException("The receipt has no '" + name + "': is it the platform's receipt JSON?");
            }
            try {
                return Base64.getDecoder().decode(value);
            } catch (IllegalArgumentException e) {
                throw new BidkitException("The receipt's '" + name + "' is not base64");
            }
        }

        private static String read(Path file, String what) throws BidkitException, IOException {
            try {
                return Files.readString(file);
            } catch (NoSuchFileException e) {
                throw new BidkitException("No such " + what + " file: " + file);
            }
        }

        static String sha256(Path file) throws IOException, GeneralSecurityException {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            try (InputStream in = Files.newInputStream(file)) {
                byte[] buffer = new byte[1 << 16];
                int read;
                while ((read = in.read(buffer)) != -1) {
                    digest.update(buffer, 0, read);
                }
            }
            return HexFormat.of().formatHex(digest.digest());
        }
    }

    /** A receipt that does not prove what it says. */
    static class ReceiptInvalid extends Exception {
        ReceiptInvalid(String message) {
            super(message);
        }
    }
}
