package org.tenderhall.seal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.gm.GMObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.KeyAgreeRecipientInformation;
import org.bouncycastle.cms.KeyTransRecipientInformation;
import org.bouncycastle.cms.Recipient;
import org.bouncycastle.cms.RecipientInformation;
import org.bouncycastle.cms.jcajce.JceKeyAgreeAuthEnvelopedRecipient;
import org.bouncycastle.cms.jcajce.JceKeyAgreeEnvelopedRecipient;
import org.bouncycastle.cms.jcajce.JceKeyTransAuthEnvelopedRecipient;
import org.bouncycastle.cms.jcajce.JceKeyTransEnvelopedRecipient;

/**
 * A sealed bid's content-encryption key on its own: what a bidder unwraps with its own key at an opening in
 * bidder-decrypts custody (its private key never leaves its machine), and what then opens the bid on the platform.
 */
public final class ContentKeys {

    private ContentKeys() {
    }

    /**
     * The content-encryption key of the envelope, unwrapped with a recipient's own key (RSA or EC in a PKCS#12
     * file).
     */
    public static byte[] extract(Path envelope, PrivateKey key, X509Certificate certificate)
            throws SealException, IOException {
        try (InputStream file = new java.io.BufferedInputStream(Files.newInputStream(envelope), 1 << 16)) {
            BidOpener.Found found = BidOpener.recipientFor(file, certificate);
            Capture capture = new Capture();
            Recipient recipient = capturing(found.information(), key, found.authenticated(), capture);
            try {
                found.information().getContentStream(recipient); // takes the key out; the content is not read
            } catch (CMSException | RuntimeException e) {
                throw new SealException(SealFailure.DECRYPTION_FAILED, "Your key does not unwrap the bid's content key", e);
            }
            if (capture.key == null) {
                throw new SealException(SealFailure.DECRYPTION_FAILED, "The bid's content key could not be taken out");
            }
            return capture.key;
        }
    }

    /** Whether {@code contentKey} is the envelope's content key: a quick check, the opening is the full one. */
    public static boolean opens(Path envelope, byte[] contentKey) throws SealException, IOException {
        return BidOpener.startsAsSignedBid(envelope, contentKey);
    }

    private static final class Capture {
        byte[] key;
    }

    private static Recipient capturing(RecipientInformation information, PrivateKey key, boolean authenticated,
            Capture capture) throws SealException {
        if (information instanceof KeyTransRecipientInformation) {
            return authenticated ? new JceKeyTransAuthEnvelopedRecipient(key) {
                @Override
                protected Key extractSecretKey(AlgorithmIdentifier keyAlgorithm, AlgorithmIdentifier contentAlgorithm,
                        byte[] encrypted) throws CMSException {
                    Key unwrapped = super.extractSecretKey(keyAlgorithm, contentAlgorithm, encrypted);
                    capture.key = unwrapped.getEncoded();
                    return unwrapped;
                }
            }.setProvider(Algorithms.BC) : new JceKeyTransEnvelopedRecipient(key) {
                @Override
                protected Key extractSecretKey(AlgorithmIdentifier keyAlgorithm, AlgorithmIdentifier contentAlgorithm,
                        byte[] encrypted) throws CMSException {
                    Key unwrapped = super.extractSecretKey(keyAlgorithm, contentAlgorithm, encrypted);
                    capture.key = unwrapped.getEncoded();
                    return unwrapped;
                }
            }.setProvider(Algorithms.BC);
        }
        if (information instanceof KeyAgreeRecipientInformation) {
            return authenticated ? new JceKeyAgreeAuthEnvelopedRecipient(key) {
                @Override
                protected Key extractSecretKey(AlgorithmIdentifier keyAlgorithm, AlgorithmIdentifier contentAlgorithm,
                        SubjectPublicKeyInfo sender, ASN1OctetString ukm, byte[] encrypted) throws CMSException {
                    Key unwrapped = super.extractSecretKey(keyAlgorithm, contentAlgorithm, sender, ukm, encrypted);
                    capture.key = unwrapped.getEncoded();
                    return unwrapped;
                }
            }.setProvider(Algorithms.BC) : new JceKeyAgreeEnvelopedRecipient(key) {
                @Override
                protected Key extractSecretKey(AlgorithmIdentifier keyAlgorithm, AlgorithmIdentifier contentAlgorithm,
                        SubjectPublicKeyInfo sender, ASN1OctetString ukm, byte[] encrypted) throws CMSException {
                    Key unwrapped = super.extractSecretKey(keyAlgorithm, contentAlgorithm, sender, ukm, encrypted);
                    capture.key = unwrapped.getEncoded();
                    return unwrapped;
                }
            }.setProvider(Algorithms.BC);
        }
        throw new SealException(SealFailure.NOT_A_RECIPIENT, "Only RSA and EC keys can take out a content key");
    }

    /**
     * The recipient that decrypts the content with a known content-encryption key, whatever the entry says. It has
     * no private key: the one step that would use it, unwrapping the content key, is replaced.
     */
    static Recipient withContentKey(RecipientInformation information, byte[] contentKey, boolean authenticated) {
        if (authenticated) {
            return new JceKeyTransAuthEnvelopedRecipient(null) {
                @Override
                protected Key extractSecretKey(AlgorithmIdentifier keyAlgorithm, AlgorithmIdentifier contentAlgorithm,
                        byte[] encrypted) {
                    return new SecretKeySpec(contentKey, algorithm(contentAlgorithm));
                }
            }.setProvider(Algorithms.BC);
        }
        return new JceKeyTransEnvelopedRecipient(null) {
            @Override
            protected Key extractSecretKey(AlgorithmIdentifier keyAlgorithm, AlgorithmIdentifier contentAlgorithm,
                    byte[] encrypted) {
                return new SecretKeySpec(contentKey, algorithm(contentAlgorithm));
            }
        }.setProvider(Algorithms.BC).setContentProvider(sm4(information) ? "BC" : "SunJCE");
    }

    /** The national profile (SM2 key transport, SM4 content): the JDK has no SM4, Bouncy Castle decrypts it. */
    private static boolean sm4(RecipientInformation information) {
        return information.getKeyEncryptionAlgorithm().getAlgorithm().on(GMObjectIdentifiers.sm_scheme);
    }

    private static String algorithm(AlgorithmIdentifier content) {
        return content.getAlgorithm().on(GMObjectIdentifiers.sm_scheme) ? "SM4" : "AES";
    }
}
