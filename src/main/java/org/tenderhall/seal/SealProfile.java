package org.tenderhall.seal;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.cms.CMSAlgorithm;

/**
 * The named algorithm sets a bid can be sealed with; there are no free parameters.
 *
 * <p>{@link #AES_256_CBC} is the default: OpenSSL and Bouncy Castle both stream it and the JDK decrypts it fast.
 * {@link #AES_256_GCM} is AuthEnvelopedData; it carries the signed bid as {@code id-data}, the one layout that
 * both OpenSSL 3.0 and Bouncy Castle open. {@link #SM4_CBC_SM2} needs SM2 keys throughout and opens with
 * Bouncy Castle (OpenSSL 3.0 cannot make CMS with SM2 keys).
 */
public enum SealProfile {
    AES_256_CBC(CMSAlgorithm.AES256_CBC),
    AES_256_GCM(CMSAlgorithm.AES256_GCM),
    /** The national algorithms: SM4-CBC content, SM2 key transport (GM/T 0009 C1C3C2), SM3withSM2 signatures. */
    SM4_CBC_SM2(CMSAlgorithm.SM4_CBC);

    final ASN1ObjectIdentifier contentEncryption;

    SealProfile(ASN1ObjectIdentifier contentEncryption) {
        this.contentEncryption = contentEncryption;
    }
}
