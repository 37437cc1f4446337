package org.tenderhall;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import org.tenderhall.seal.Signer;

/** The demo keys of keys/demo (password "tenderhall-demo"), for tests. */
public final class DemoPki {

    public static final Path DIR = Path.of("keys/demo");
    public static final char[] PASSWORD = "tenderhall-demo".toCharArray();
    /** Bouncy Castle reads every demo certificate, SM2 ones included (the JDK cannot use SM2 keys). */
    private static final java.security.Provider BC = new org.bouncycastle.jce.provider.BouncyCastleProvider();

    private DemoPki() {
    }

    public static Path p12(String name) {
        return name.startsWith("opening") || name.equals("tsa") || name.equals("document-signing")
                ? DIR.resolve("platform/" + name + ".p12")
                : DIR.resolve("bidders/" + name + ".p12");
    }

    public static Path certificate(String name) {
        return Path.of(p12(name).toString().replace(".p12", ".crt"));
    }

    public static X509Certificate x509(Path pem) {
        try (var in = Files.newInputStream(pem)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509", BC).generateCertificate(in);
        } catch (Exception e) {
            throw new IllegalStateException("demo certificate " + pem, e);
        }
    }

    public static X509CRL crl(String issuingCa) {
        try (var in = Files.newInputStream(DIR.resolve("crl/" + issuingCa + ".crl"))) {
            return (X509CRL) CertificateFactory.getInstance("X.509", BC).generateCRL(in);
        } catch (Exception e) {
            throw new IllegalStateException("demo CRL " + issuingCa, e);
        }
    }

    public static X509Certificate ca(String name) {
        return x509(DIR.resolve("ca/" + name + ".crt"));
    }

    public static Signer load(String name) {
        try {
            return Signer.fromPkcs12(p12(name), PASSWORD);
        } catch (Exception e) {
            throw new IllegalStateException("demo key " + name, e);
        }
    }
}
