package org.tenderhall.seal;

import java.util.Collection;
import org.bouncycastle.asn1.gm.GMObjectIdentifiers;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.SignerInformation;

/** The digests a Tenderhall signature may use: SHA-256, or SM3 when the signer's key is SM2. */
final class Digests {

    private Digests() {
    }

    static boolean allowed(SignerInformation signer, Collection<?> signerCertificates) {
        String digest = signer.getDigestAlgOID();
        if (NISTObjectIdentifiers.id_sha256.getId().equals(digest)) {
            return true;
        }
        if (!GMObjectIdentifiers.sm3.getId().equals(digest) || signerCertificates.isEmpty()) {
            return false;
        }
        SubjectPublicKeyInfo key = ((X509CertificateHolder) signerCertificates.iterator().next()).getSubjectPublicKeyInfo();
        return GMObjectIdentifiers.sm2p256v1.equals(key.getAlgorithm().getParameters());
    }
}
