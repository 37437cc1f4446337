package org.tenderhall.bid;

import static io.restassured.RestAssured.given;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.tenderhall.DemoPki;
import org.tenderhall.pki.domain.Pem;
import org.tenderhall.seal.BidBinding;
import org.tenderhall.seal.BidSealer;
import org.tenderhall.seal.SealProfile;
import org.tenderhall.seal.Signer;

/** Sealed bids for tests, made as bidkit makes them: with a demo bidder key, to a tender's opening certificate. */
public final class SealedBids {

    /** The envelope (bid.cms) and its detached outer signature (bid.cms.p7s). */
    public record Sealed(byte[] envelope, byte[] signature) {
    }

    private SealedBids() {
    }

    /** The opening certificate the platform publishes for the tender. */
    public static X509Certificate openingCertificate(String tenderId) {
        try {
            return Pem.certificates(given().get("/api/tenders/" + tenderId + "/opening-certificate").then()
                    .statusCode(200).extract().asByteArray()).get(0);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A bid by demo key {@code demoKey} (bidder1, bidder2…), encrypted to {@code recipient} and the bidder. */
    public static Sealed seal(String demoKey, String organisation, String tenderId, X509Certificate recipient,
            int fillerBytes) {
        return seal(demoKey, new BidBinding(tenderId, "1", organisation), recipient, bidPackage("{\"tenderId\":\""
                + tenderId + "\",\"lot\":\"1\",\"bidder\":\"" + organisation
                + "\",\"price\":\"9650000.00\",\"deliveryDays\":\"80\"}", fillerBytes));
    }

    /** A bid package: {@code manifest.json} first, then a document of {@code fillerBytes} random bytes. */
    public static byte[] bidPackage(String manifest, int fillerBytes) {
        try {
            ByteArrayOutputStream zip = new ByteArrayOutputStream();
            try (ZipOutputStream out = new ZipOutputStream(zip)) {
                out.putNextEntry(new ZipEntry("manifest.json"));
                out.write(manifest.getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
                out.putNextEntry(new ZipEntry("技术标/技术参数响应.txt"));
                byte[] filler = new byte[fillerBytes];
                new java.util.Random(fillerBytes).nextBytes(filler); // incompressible: the envelope is this large
                out.write(filler);
                out.closeEntry();
            }
            return zip.toByteArray();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A bid package sealed by demo key {@code demoKey} with {@code binding}, to {@code recipient} and the bidder. */
    public static Sealed seal(String demoKey, BidBinding binding, X509Certificate recipient, byte[] bidPackage) {
        try {
            Signer signer = DemoPki.load(demoKey);
            Path dir = Files.createTempDirectory("sealed-bid");
            try {
                BidSealer.seal(new ByteArrayInputStream(bidPackage), signer, binding, List.of(recipient, signer.certificate()),
                        SealProfile.AES_256_CBC, dir.resolve("bid.cms"), dir.resolve("bid.cms.p7s"));
                return new Sealed(Files.readAllBytes(dir.resolve("bid.cms")), Files.readAllBytes(dir.resolve("bid.cms.p7s")));
            } finally {
                Files.deleteIfExists(dir.resolve("bid.cms"));
                Files.deleteIfExists(dir.resolve("bid.cms.p7s"));
                Files.deleteIfExists(dir);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Submits a sealed bid in one request (lot 1) as {@code account}. */
    public static io.restassured.response.ValidatableResponse submit(String account, String tender, Sealed bid) {
        return given().auth().preemptive().basic(account, org.tenderhall.identity.DemoData.PASSWORD)
                .contentType("application/octet-stream")
                .header("Bid-Signature", java.util.Base64.getEncoder().encodeToString(bid.signature()))
                .body(bid.envelope()).post("/api/tenders/" + tender + "/bids?lot=1").then();
    }

    /** A bid for a published tender, to its opening certificate. */
    public static Sealed seal(String demoKey, String organisation, String tenderId) {
        return seal(demoKey, organisation, tenderId, openingCertificate(tenderId), 4096);
    }

    /** A key and self-signed certificate naming {@code organisation}, from no CA the platform trusts. */
    public static Signer untrusted(String organisation) {
        try {
            java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            java.security.KeyPair pair = generator.generateKeyPair();
            var name = new org.bouncycastle.asn1.x500.X500NameBuilder(org.bouncycastle.asn1.x500.style.BCStyle.INSTANCE)
                    .addRDN(org.bouncycastle.asn1.x500.style.BCStyle.CN, "Self-made bidder")
                    .addRDN(org.bouncycastle.asn1.x500.style.BCStyle.SERIALNUMBER, organisation).build();
            var builder = new org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder(name, java.math.BigInteger.TEN,
                    new java.util.Date(System.currentTimeMillis() - 86_400_000L),
                    new java.util.Date(System.currentTimeMillis() + 86_400_000L * 365), name, pair.getPublic());
            builder.addExtension(org.bouncycastle.asn1.x509.Extension.keyUsage, true,
                    new org.bouncycastle.asn1.x509.KeyUsage(org.bouncycastle.asn1.x509.KeyUsage.digitalSignature
                            | org.bouncycastle.asn1.x509.KeyUsage.keyEncipherment));
            X509Certificate certificate = new org.bouncycastle.cert.jcajce.JcaX509CertificateConverter().getCertificate(
                    builder.build(new org.bouncycastle.operator.jcajce.JcaContentSignerBuilder("SHA256withRSA")
                            .build(pair.getPrivate())));
            return new Signer(pair.getPrivate(), List.of(certificate));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A bid sealed with {@code signer}, to {@code recipient}. */
    public static Sealed seal(Signer signer, String organisation, String tenderId, X509Certificate recipient) {
        try {
            Path dir = Files.createTempDirectory("sealed-bid");
            BidSealer.seal(new ByteArrayInputStream(("{\"tenderId\":\"" + tenderId + "\"}").getBytes(StandardCharsets.UTF_8)),
                    signer, new BidBinding(tenderId, "1", organisation), List.of(recipient, signer.certificate()),
                    SealProfile.AES_256_CBC, dir.resolve("bid.cms"), dir.resolve("bid.cms.p7s"));
            return new Sealed(Files.readAllBytes(dir.resolve("bid.cms")), Files.readAllBytes(dir.resolve("bid.cms.p7s")));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A correct detached CMS signature by {@code signer} over any bytes, garbage included. */
    public static byte[] detachedSignature(Signer signer, byte[] content) {
        try {
            var generator = new org.bouncycastle.cms.CMSSignedDataGenerator();
            generator.addSignerInfoGenerator(new org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder(
                    new org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder().build()).build(
                    new org.bouncycastle.operator.jcajce.JcaContentSignerBuilder("SHA256withRSA").build(signer.key()),
                    signer.certificate()));
            generator.addCertificates(new org.bouncycastle.cert.jcajce.JcaCertStore(signer.chain()));
            return generator.generate(new org.bouncycastle.cms.CMSProcessableByteArray(content), false).getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
