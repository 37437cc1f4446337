package org.tenderhall.seal;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Collection;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSAuthEnvelopedData;
import org.bouncycastle.cms.CMSAuthEnvelopedDataGenerator;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.RecipientId;
import org.bouncycastle.cms.RecipientInformation;
import org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder;
import org.bouncycastle.cms.jcajce.JceKeyAgreeRecipientId;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientId;

/**
 * A small secret (a share of an opening key, a content key) for one certificate's holder only: CMS
 * AuthEnvelopedData (RFC 5083), AES-256-GCM, the key transported as for a sealed bid (RSA-OAEP, ECDH, SM2). What
 * {@code openssl cms -decrypt} reads too.
 */
public final class KeyEnvelopes {

    /** The most a key envelope may be: a share or a key is tiny, a certificate or two is the rest. */
    public static final int MAX_SIZE = 64 * 1024;

    private KeyEnvelopes() {
    }

    /** {@code secret} encrypted to {@code recipient}, DER. */
    public static byte[] encrypt(byte[] secret, X509Certificate recipient) throws SealException {
        try {
            CMSAuthEnvelopedDataGenerator generator = new CMSAuthEnvelopedDataGenerator();
            generator.addRecipientInfoGenerator(Algorithms.recipientFor(recipient));
            return generator.generate(new CMSProcessableByteArray(secret),
                    (org.bouncycastle.operator.OutputAEADEncryptor) new JceCMSContentEncryptorBuilder(CMSAlgorithm.AES256_GCM)
                            .setProvider(Algorithms.BC).build())
                    .getEncoded();
        } catch (GeneralSecurityException | CMSException | java.io.IOException e) {
            throw new SealException(SealFailure.MALFORMED, "Cannot encrypt to " + recipient.getSubjectX500Principal()
                    + ": " + e.getMessage(), e);
        }
    }

    /**
     * The secret inside {@code envelope}, for the holder of {@code key}.
     *
     * @throws SealException {@code MALFORMED} for what is not a key envelope, {@code NOT_A_RECIPIENT} when it is
     *                       not for this certificate, {@code DECRYPTION_FAILED} when the key does not open it
     */
    public static byte[] decrypt(byte[] envelope, PrivateKey key, X509Certificate certificate) throws SealException {
        if (envelope.length > MAX_SIZE) {
            throw new SealException(SealFailure.MALFORMED, "A key envelope is at most " + MAX_SIZE + " bytes");
        }
        CMSAuthEnvelopedData data;
        try {
            data = new CMSAuthEnvelopedData(envelope);
        } catch (CMSException | RuntimeException e) {
            throw new SealException(SealFailure.MALFORMED, "Not a CMS AuthEnvelopedData key envelope", e);
        }
        RecipientId id = "EC".equals(certificate.getPublicKey().getAlgorithm())
                && !Sm2KeyTransport.isSm2(certificate.getPublicKey())
                ? new JceKeyAgreeRecipientId(certificate) : new JceKeyTransRecipientId(certificate);
        Collection<RecipientInformation> matches = data.getRecipientInfos().getRecipients(id);
        if (matches.isEmpty()) {
            throw new SealException(SealFailure.NOT_A_RECIPIENT, "The key envelope is not for "
                    + certificate.getSubjectX500Principal());
        }
        RecipientInformation recipient = matches.iterator().next();
        try {
            return recipient.getContent(Algorithms.recipientWith(recipient, key, certificate, true));
        } catch (CMSException | RuntimeException e) {
            throw new SealException(SealFailure.DECRYPTION_FAILED, "The key does not open the key envelope", e);
        }
    }
}
