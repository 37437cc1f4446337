package org.tenderhall.seal;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509CertificateHolder;

/** Small conversions between the JDK's and Bouncy Castle's certificate types. */
final class Certificates {

    private Certificates() {
    }

    static X509Certificate toX509(X509CertificateHolder holder) throws CertificateException {
        try {
            // Bouncy Castle's factory: the JDK's cannot give the public key of an SM2 certificate.
            return (X509Certificate) CertificateFactory.getInstance("X.509", Algorithms.BC)
                    .generateCertificate(new ByteArrayInputStream(holder.getEncoded()));
        } catch (java.io.IOException e) {
            throw new CertificateException(e);
        }
    }

    static byte[] subjectKeyIdentifier(X509Certificate certificate) {
        byte[] extension = certificate.getExtensionValue(Extension.subjectKeyIdentifier.getId());
        if (extension == null) {
            return null;
        }
        return ASN1OctetString.getInstance(ASN1OctetString.getInstance(extension).getOctets()).getOctets();
    }
}
