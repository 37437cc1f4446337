package org.tenderhall.pki.domain;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.CRLException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/** PEM (and DER) reading and writing of certificates and CRLs. */
public final class Pem {

    /** Bouncy Castle's factory reads SM2 certificates too; the JDK's cannot give their public keys. */
    static final java.security.Provider BC = new org.bouncycastle.jce.provider.BouncyCastleProvider();

    private Pem() {
    }

    /** The certificates in PEM or DER {@code bytes}, in order. */
    public static List<X509Certificate> certificates(byte[] bytes) throws CertificateException {
        List<X509Certificate> certificates = new ArrayList<>();
        for (var certificate : CertificateFactory.getInstance("X.509", BC).generateCertificates(new ByteArrayInputStream(bytes))) {
            certificates.add((X509Certificate) certificate);
        }
        if (certificates.isEmpty()) {
            throw new CertificateException("no certificate found");
        }
        return certificates;
    }

    public static X509CRL crl(byte[] bytes) throws CRLException {
        try {
            return (X509CRL) CertificateFactory.getInstance("X.509", BC).generateCRL(new ByteArrayInputStream(bytes));
        } catch (CertificateException e) {
            throw new CRLException(e);
        }
    }

    public static String pem(X509Certificate certificate) throws CertificateException {
        return pem("CERTIFICATE", certificate.getEncoded());
    }

    public static String pem(X509CRL crl) throws CRLException {
        return pem("X509 CRL", crl.getEncoded());
    }

    public static String sha256(X509Certificate certificate) throws CertificateException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new CertificateException(e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
