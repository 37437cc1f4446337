package org.tenderhall.bidkit;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.cert.CRLException;
import java.security.cert.CertificateException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.tenderhall.pki.domain.CertificateCheck;
import org.tenderhall.pki.domain.Pem;
import org.tenderhall.pki.domain.TrustMaterial;
import org.tenderhall.seal.BidOpener;
import org.tenderhall.seal.EnvelopeInspector;
import org.tenderhall.seal.Inspection;
import org.tenderhall.seal.OpenedBid;
import org.tenderhall.seal.SealException;
import org.tenderhall.seal.SealFailure;
import org.tenderhall.seal.Signer;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "verify", header = "Check a sealed bid before you submit it, as the platform will.",
        description = "Check a sealed bid as the platform will at upload: its structure, the "
        + "outer signature over exactly these bytes, the recipients and, given the trusted CAs, the signer.")
class VerifyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    EnvelopeOptions sealed;

    @Option(names = "--opening-certificate", paramLabel = "FILE", description = "check the bid is encrypted to it")
    Path openingCertificate;

    @Option(names = "--trust", paramLabel = "CA.pem", description = "a trusted root CA certificate (repeatable)")
    List<Path> trusted = new ArrayList<>();

    @Option(names = "--crl", paramLabel = "FILE", description = "a CRL to check revocation with (repeatable)")
    List<Path> crls = new ArrayList<>();

    @Option(names = "--organisation", description = "the bidder's credit code (default: the signer's own)")
    String organisation;

    /**
     * The platform cannot look inside the envelope before the opening; with the bidder's own key, verify can, and
     * catches there what the opening would refuse (a signed bid written as PEM, a bad inner signature).
     */
    @ArgGroup(exclusive = false, multiplicity = "0..1",
            heading = "With your own key, also open the bid as the opening will and check the signed bid inside:%n")
    KeyOptions key;

    @Override
    public Integer call() throws Exception {
        Path envelope = sealed.envelope();
        Inspection inspection = EnvelopeInspector.inspect(envelope, sealed.signature());
        var out = spec.commandLine().getOut();
        out.printf("Envelope %s: %d bytes, SHA-256 %s, profile %s%n  signed by: %s%n  recipients: %d%n", envelope,
                inspection.envelopeSize(), inspection.envelopeSha256(), inspection.profile(),
                inspection.signer().getSubjectX500Principal(), inspection.recipients().size());
        if (openingCertificate != null) {
            X509Certificate opening = read(openingCertificate).get(0);
            if (!inspection.isEncryptedTo(opening)) {
                throw new SealException(SealFailure.NOT_A_RECIPIENT, "The bid is not encrypted to "
                        + opening.getSubjectX500Principal() + ": it could not be opened at the opening");
            }
            out.println("  encrypted to the opening certificate: yes");
        }
        if (key != null) {
            Signer own = key.load();
            OpenedBid opened = BidOpener.open(envelope, inspection.signer(), inspection.envelopeSha256(), own.key(),
                    own.certificate(), OutputStream.nullOutputStream());
            out.printf("  opens with your key: the signed bid inside verifies, package %d bytes, SHA-256 %s%n",
                    opened.packageSize(), opened.packageSha256());
        } else {
            out.println("  the signed bid inside: not checked (add --key to open it with your own key, as the"
                    + " opening will)");
        }
        if (!trusted.isEmpty()) {
            List<X509CRL> held = new ArrayList<>();
            for (Path crl : crls) {
                try {
                    held.add(Pem.crl(Files.readAllBytes(EnvelopeOptions.existing(crl))));
                } catch (CRLException e) {
                    throw new BidkitException(crl + " is not a CRL");
                }
            }
            List<X509Certificate> roots = new ArrayList<>();
            for (Path root : trusted) {
                roots.addAll(read(root));
            }
            String code = organisation != null ? organisation
                    : CertificateCheck.organisationCode(inspection.signer()).orElse("(none)");
            CertificateCheck.Checked checked = CertificateCheck.check(inspection.signer(), inspection.certificates(),
                    new TrustMaterial(roots, held), Bidkit.now(spec), code, CertificateCheck.Purpose.SIGNING);
            out.printf("  signer trusted: yes, for %s, under %s%n", checked.organisationCode(),
                    checked.root().getSubjectX500Principal());
        }
        out.println("OK");
        return 0;
    }

    private static List<X509Certificate> read(Path file) throws BidkitException, IOException {
        try {
            return Pem.certificates(Files.readAllBytes(EnvelopeOptions.existing(file)));
        } catch (NoSuchFileException e) {
            throw new BidkitException("No such file: " + file);
        } catch (CertificateException e) {
            throw new BidkitException(file + " is not a certificate in PEM or DER");
        }
    }
}
