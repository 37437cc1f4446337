package org.tenderhall.openingkey.domain;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A tender's opening key: an RSA 3072 key pair made at publication. Its certificate, issued by the platform CA
 * for key encipherment only, is what bidders encrypt to. Its private key exists outside this class only wrapped
 * (AES key wrap with padding, RFC 5649) under the platform's key-encryption key; unwrapping it is the opening's
 * business, and only at the opening time.
 */
public final class OpeningKeys {

    /** The certificate bidders encrypt to, and the private key as it may be stored. */
    public record Issued(X509Certificate certificate, byte[] wrappedPrivateKey) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String WRAP = "AES/KWP/NoPadding";

    private OpeningKeys() {
    }

    /**
     * @param validFrom  the publication time
     * @param validUntil beyond the opening: bidders' tools refuse an expired certificate
     */
    public static Issued issue(String tenderId, Instant validFrom, Instant validUntil, PrivateKey caKey,
            X509Certificate caCertificate, SecretKey keyEncryptionKey) throws GeneralSecurityException {
        return issueNamed("Opening key of tender " + tenderId, validFrom, validUntil, caKey, caCertificate,
                keyEncryptionKey);
    }

    /** The same for another key of an opening, named {@code commonName} (its one-time transport key). */
    public static Issued issueNamed(String commonName, Instant validFrom, Instant validUntil, PrivateKey caKey,
            X509Certificate caCertificate, SecretKey keyEncryptionKey) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(3072, RANDOM);
        KeyPair pair = generator.generateKeyPair();
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.C, "CN")
                .addRDN(BCStyle.O, "Tenderhall")
                .addRDN(BCStyle.CN, commonName)
                .build();
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            JcaX509v3CertificateBuilder certificate = new JcaX509v3CertificateBuilder(caCertificate,
                    new BigInteger(127, RANDOM), Date.from(validFrom), Date.from(validUntil), subject, pair.getPublic());
            certificate.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            certificate.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyEncipherment));
            certificate.addExtension(Extension.subjectKeyIdentifier, false,
                    extensions.createSubjectKeyIdentifier(pair.getPublic()));
            certificate.addExtension(Extension.authorityKeyIdentifier, false,
                    extensions.createAuthorityKeyIdentifier(caCertificate));
            String algorithm = "RSA".equals(caKey.getAlgorithm()) ? "SHA256withRSA" : "SHA256withECDSA";
            X509Certificate issued = new JcaX509CertificateConverter().getCertificate(
                    certificate.build(new JcaContentSignerBuilder(algorithm).build(caKey)));
            return new Issued(issued, wrap(pair.getPrivate(), keyEncryptionKey));
        } catch (CertIOException | OperatorCreationException e) {
            throw new GeneralSecurityException("Cannot issue the opening certificate: " + e.getMessage(), e);
        }
    }

    /** The opening private key, from its wrapped form; fails with any other key-encryption key. */
    public static PrivateKey unwrap(byte[] wrappedPrivateKey, SecretKey keyEncryptionKey) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance(WRAP);
        cipher.init(Cipher.UNWRAP_MODE, keyEncryptionKey);
        return (PrivateKey) cipher.unwrap(wrappedPrivateKey, "RSA", Cipher.PRIVATE_KEY);
    }

    /**
     * Names a key-encryption key without revealing it: the first 16 bytes of HMAC-SHA256(kek, "tenderhall kek id"), in
     * hex. Stored with each wrapped key, so that the opening can tell a wrong key-encryption key from a damaged wrap.
     */
    public static String kekId(SecretKey keyEncryptionKey) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(keyEncryptionKey.getEncoded(), "HmacSHA256"));
        byte[] id = mac.doFinal("tenderhall kek id".getBytes(StandardCharsets.US_ASCII));
        return HexFormat.of().formatHex(id, 0, 16);
    }

    private static byte[] wrap(Key privateKey, SecretKey keyEncryptionKey) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance(WRAP);
        cipher.init(Cipher.WRAP_MODE, keyEncryptionKey);
        return cipher.wrap(privateKey);
    }
}
