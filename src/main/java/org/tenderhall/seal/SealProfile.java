package org.tenderhall.seal;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.cms.CMSAlgorithm;

/**
 * The named algorithm sets a bid can be sealed with; there are no free parameters.
 *
 * <p>{@link #AES_256_CBC} is the default: OpenSSL and Bouncy Castle both stream it and the JDK decrypts it fast.
 * {@link #AES_256_GCM} is AuthEnvelopedData; it carries the signed bid as {@code id-data}, the one layout that
 * both OpenSSL 3.0 and Bouncy Castle open.
 */
public enum SealProfile {
    AES_256_CBC(CMSAlgorithm.AES256_CBC),
    AES_256_GCM(CMSAlgorithm.AES256_GCM);

    final ASN1ObjectIdentifier contentEncryption;

    SealProfile(ASN1ObjectIdentifier contentEncryption) {
        this.contentEncryption = contentEncryption;
    }
}
