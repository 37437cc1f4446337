package org.tenderhall.bidkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.tenderhall.pki.domain.CertificateCheck;
import org.tenderhall.pki.domain.Pem;
import org.tenderhall.seal.BidBinding;
import org.tenderhall.seal.BidSealer;
import org.tenderhall.seal.SealProfile;
import org.tenderhall.seal.SealedBidFiles;
import org.tenderhall.seal.Signer;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "seal", header = "Package, sign and encrypt a bid folder: bid.cms and bid.cms.p7s.",
        description = "Package a folder of bid documents (with its manifest.json), sign it, and "
        + "encrypt it to the tender's opening certificate and to your own certificate.")
class SealCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    KeyOptions key;

    @Option(names = "--folder", required = true, description = "the bid documents, with manifest.json at the top")
    Path folder;

    /** Where the opening certificate comes from: a file, or the platform itself. */
    static class OpeningSource {
        @Option(names = "--opening-certificate", required = true, paramLabel = "FILE",
                description = "the tender's opening certificate (PEM), as the platform publishes it")
        Path file;

        @Option(names = "--platform", required = true, paramLabel = "URL",
                description = "fetch the opening certificate of the manifest's tender from the platform at URL"
                        + " (https://…; no sign-in needed); needs --platform-ca")
        URI platform;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    OpeningSource opening;

    @Option(names = "--platform-ca", paramLabel = "FILE",
            description = "the platform CA's certificate (PEM), as the trading centre publishes it: the opening"
                    + " certificate must be issued by it (required with --platform)")
    Path platformCa;

    /** The subject common name the platform gives a tender's opening certificate. */
    static String openingCommonName(String tenderId) {
        return "Opening key of tender " + tenderId;
    }

    @Option(names = "--profile", defaultValue = "AES_256_CBC", description = "AES_256_CBC (default), AES_256_GCM, or SM4_CBC_SM2 (SM2 keys)")
    SealProfile profile;

    @Option(names = "--out", defaultValue = ".", description = "where to write bid.cms and bid.cms.p7s")
    Path out;

    @Mixin
    Progress.Quiet quiet;

    @Override
    public Integer call() throws Exception {
        if (!Files.isDirectory(folder)) {
            throw new BidkitException("No such folder: " + folder);
        }
        if (out.toAbsolutePath().normalize().startsWith(folder.toAbsolutePath().normalize())) {
            throw new BidkitException("--out " + out + " is inside the bid folder " + folder
                    + ": the sealed files would end up in the next package. Choose a place outside it.");
        }
        Manifest manifest = Manifest.read(folder);
        Signer signer = key.load();
        requireCurrent(signer.certificate());
        String certificateOrganisation = CertificateCheck.organisationCode(signer.certificate()).orElse("(none)");
        if (!certificateOrganisation.equals(manifest.bidder())) {
            throw new BidkitException("The manifest names bidder " + manifest.bidder() + " but your certificate belongs"
                    + " to " + certificateOrganisation + ": the platform would refuse the bid");
        }
        Progress progress = quiet.on(spec.commandLine().getErr());
        if (this.opening.platform != null) {
            progress.step("fetching the opening certificate of tender " + manifest.tenderId() + " from "
                    + this.opening.platform);
        }
        X509Certificate opening = openingCertificate(manifest.tenderId());

        Files.createDirectories(out);
        Path bidPackage = Files.createTempFile("bidkit-package-", ".zip");
        SealedBidFiles sealed;
        try {
            List<Path> files = BidFolder.files(folder);
            long size = 0;
            for (Path file : files) {
                size += Files.size(file);
            }
            progress.begin("packaging", size, 0);
            try (OutputStream zip = Files.newOutputStream(bidPackage)) {
                BidFolder.zip(folder, zip, progress::counting);
            }
            progress.end();
            progress.begin("signing and encrypting", Files.size(bidPackage), 0);
            try (InputStream in = progress.counting(Files.newInputStream(bidPackage))) {
                sealed = BidSealer.seal(in, signer, new BidBinding(manifest.tenderId(), manifest.lot(), manifest.bidder()),
                        List.of(opening, signer.certificate()), profile, out.resolve("bid.cms"), out.resolve("bid.cms.p7s"));
            }
        } catch (GeneralSecurityException e) {
            throw new BidkitException("Sealing failed: " + e.getMessage(), e);
        } finally {
            progress.end();
            Files.deleteIfExists(bidPackage);
        }
        spec.commandLine().getOut().printf("Sealed the bid of %s for tender %s, lot %s (price %s)%n"
                + "  envelope:  %s (%d bytes, SHA-256 %s)%n  signature: %s%n  encrypted to: %s and you%n"
                + "  opening certificate SHA-256: %s (the tender document prints it: compare)%n",
                manifest.bidder(), manifest.tenderId(), manifest.lot(), manifest.price().toPlainString(),
                sealed.envelope(), sealed.envelopeSize(), sealed.envelopeSha256(), sealed.signature(),
                opening.getSubjectX500Principal(), Pem.sha256(opening));
        return 0;
    }

    private void requireCurrent(X509Certificate certificate) throws BidkitException {
        try {
            certificate.checkValidity(java.util.Date.from(Bidkit.now(spec)));
        } catch (CertificateExpiredException e) {
            throw new BidkitException("Your certificate expired on " + certificate.getNotAfter().toInstant()
                    + ": the platform will refuse a bid signed with it. Renew it with your CA.");
        } catch (CertificateNotYetValidException e) {
            throw new BidkitException("Your certificate is valid only from " + certificate.getNotBefore().toInstant());
        }
    }

    private X509Certificate openingCertificate(String tenderId) throws BidkitException, IOException {
        if (opening.platform != null) {
            requireTrusted(opening.platform);
        }
        String source = opening.file != null ? opening.file.toString() : opening.platform.toString();
        byte[] pem = opening.file != null ? readFile(opening.file) : fetch(opening.platform, tenderId);
        X509Certificate certificate;
        try {
            certificate = Pem.certificates(pem).get(0);
        } catch (CertificateException e) {
            throw new BidkitException(source + " gave no certificate in PEM or DER");
        }
        boolean[] usage = certificate.getKeyUsage();
        if (usage != null && !usage[2] && !usage[4]) {
            throw new BidkitException(source + " is not an encryption certificate: is it the tender's opening"
                    + " certificate?");
        }
        if (opening.platform != null && !openingCommonName(tenderId).equals(commonName(certificate))) {
            throw new BidkitException("The platform's opening certificate is for '" + commonName(certificate)
                    + "', not for tender " + tenderId + " (the manifest's tenderId, exactly as the platform writes it)");
        }
        if (platformCa != null) {
            try {
                certificate.verify(Pem.certificates(readFile(platformCa)).get(0).getPublicKey());
            } catch (GeneralSecurityException e) {
                throw new BidkitException("The opening certificate is not issued by the platform CA of " + platformCa
                        + ": do not seal to it");
            }
        }
        try {
            certificate.checkValidity(java.util.Date.from(Bidkit.now(spec)));
        } catch (CertificateException e) {
            throw new BidkitException("The opening certificate is not valid now (" + certificate.getNotBefore()
                    .toInstant() + " to " + certificate.getNotAfter().toInstant() + ")");
        }
        return certificate;
    }

    /**
     * A certificate fetched over the network is trusted only through the platform CA, and only over TLS (or on
     * this machine): otherwise whoever sits in between could hand out a certificate whose key they hold.
     */
    private void requireTrusted(URI platform) throws BidkitException {
        if (platformCa == null) {
            throw new BidkitException("--platform needs --platform-ca, the platform CA's certificate: without it a"
                    + " certificate from the network cannot be trusted to be the tender's");
        }
        requireSafe(platform);
    }

    /** Only https, or plain http to this machine. */
    static void requireSafe(URI platform) throws BidkitException {
        String host = platform.getHost() == null ? "" : platform.getHost();
        boolean loopback = host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]");
        if (!"https".equalsIgnoreCase(platform.getScheme()) && !("http".equalsIgnoreCase(platform.getScheme()) && loopback)) {
            throw new BidkitException("--platform must be an https:// address (plain http only for this machine): "
                    + platform);
        }
    }

    static String commonName(X509Certificate certificate) {
        RDN[] names = new X500Name(certificate.getSubjectX500Principal().getName()).getRDNs(BCStyle.CN);
        return names.length == 0 ? "" : IETFUtils.valueToString(names[0].getFirst().getValue());
    }

    private static byte[] readFile(Path file) throws BidkitException, IOException {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new BidkitException("No such file: " + file);
        }
    }

    /** {@code GET <platform>/api/tenders/<id>/opening-certificate}, public on the platform. */
    private static byte[] fetch(URI platform, String tenderId) throws BidkitException, IOException {
        String base = platform.toString().replaceAll("/+$", "");
        URI uri = URI.create(base + "/api/tenders/" + URLEncoder.encode(tenderId, StandardCharsets.UTF_8)
                + "/opening-certificate");
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20))
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        try {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                    .header("Accept", "application/x-pem-file, application/problem+json").GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new BidkitException("The platform has no opening certificate for tender " + tenderId + " (HTTP "
                        + response.statusCode() + "): " + new String(response.body(), StandardCharsets.UTF_8));
            }
            return response.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BidkitException("Interrupted while fetching " + uri);
        } catch (java.net.ConnectException e) {
            throw new BidkitException("Cannot reach the platform at " + platform + ": " + e.getMessage());
        }
    }
}
