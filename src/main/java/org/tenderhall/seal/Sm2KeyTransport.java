package org.tenderhall.seal;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.gm.GMObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.jcajce.JceKeyTransEnvelopedRecipient;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.crypto.engines.SM2Engine;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.jcajce.provider.asymmetric.util.ECUtil;
import org.bouncycastle.operator.AsymmetricKeyWrapper;
import org.bouncycastle.operator.GenericKey;
import org.bouncycastle.operator.OperatorException;
import org.bouncycastle.util.BigIntegers;

/**
 * SM2 key transport for the national-algorithm profile: the content key is encrypted with SM2 (SM3 as its hash)
 * and carried as the GM/T 0009 ASN.1 structure {@code SEQUENCE {x INTEGER, y INTEGER, hash OCTET STRING,
 * ciphertext OCTET STRING}}, in C1C3C2 order, so that other GM/T tools can read it.
 */
final class Sm2KeyTransport {

    static final AlgorithmIdentifier ALGORITHM = new AlgorithmIdentifier(GMObjectIdentifiers.sm2encrypt);
    private static final int COORDINATE = 32; // bytes of an sm2p256v1 coordinate

    private Sm2KeyTransport() {
    }

    static boolean isSm2(PublicKey key) {
        try {
            return GMObjectIdentifiers.sm2p256v1.equals(
                    SubjectPublicKeyInfo.getInstance(key.getEncoded()).getAlgorithm().getParameters());
        } catch (RuntimeException notEncodable) {
            return false;
        }
    }

    static byte[] wrap(PublicKey recipient, byte[] contentKey) throws GeneralSecurityException {
        try {
            SM2Engine engine = new SM2Engine(new SM3Digest(), SM2Engine.Mode.C1C3C2);
            engine.init(true, new ParametersWithRandom(ECUtil.generatePublicKeyParameter(recipient), new SecureRandom()));
            byte[] raw = engine.processBlock(contentKey, 0, contentKey.length); // 04 || x || y || C3 || C2
            ASN1EncodableVector cipher = new ASN1EncodableVector();
            cipher.add(new ASN1Integer(new BigInteger(1, Arrays.copyOfRange(raw, 1, 1 + COORDINATE))));
            cipher.add(new ASN1Integer(new BigInteger(1, Arrays.copyOfRange(raw, 1 + COORDINATE, 1 + 2 * COORDINATE))));
            cipher.add(new DEROctetString(Arrays.copyOfRange(raw, 1 + 2 * COORDINATE, 1 + 2 * COORDINATE + 32)));
            cipher.add(new DEROctetString(Arrays.copyOfRange(raw, 1 + 2 * COORDINATE + 32, raw.length)));
            return new DERSequence(cipher).getEncoded(ASN1Encoding.DER);
        } catch (InvalidCipherTextException | java.io.IOException e) {
            throw new GeneralSecurityException("SM2 encryption failed: " + e.getMessage(), e);
        }
    }

    static byte[] unwrap(PrivateKey key, byte[] encrypted) throws GeneralSecurityException {
        try {
            ASN1Sequence cipher = ASN1Sequence.getInstance(encrypted);
            byte[] x = BigIntegers.asUnsignedByteArray(COORDINATE, ASN1Integer.getInstance(cipher.getObjectAt(0)).getValue());
            byte[] y = BigIntegers.asUnsignedByteArray(COORDINATE, ASN1Integer.getInstance(cipher.getObjectAt(1)).getValue());
            byte[] hash = ASN1OctetString.getInstance(cipher.getObjectAt(2)).getOctets();
            byte[] ciphertext = ASN1OctetString.getInstance(cipher.getObjectAt(3)).getOctets();
            byte[] raw = new byte[1 + x.length + y.length + hash.length + ciphertext.length];
            raw[0] = 0x04;
            System.arraycopy(x, 0, raw, 1, x.length);
            System.arraycopy(y, 0, raw, 1 + x.length, y.length);
            System.arraycopy(hash, 0, raw, 1 + x.length + y.length, hash.length);
            System.arraycopy(ciphertext, 0, raw, 1 + x.length + y.length + hash.length, ciphertext.length);
            SM2Engine engine = new SM2Engine(new SM3Digest(), SM2Engine.Mode.C1C3C2);
            engine.init(false, ECUtil.generatePrivateKeyParameter(key));
            return engine.processBlock(raw, 0, raw.length);
        } catch (InvalidCipherTextException | RuntimeException e) {
            throw new GeneralSecurityException("SM2 decryption failed: " + e.getMessage(), e);
        }
    }

    /** Wraps the content key for one SM2 recipient. */
    static final class Wrapper extends AsymmetricKeyWrapper {
        private final PublicKey recipient;

        Wrapper(PublicKey recipient) {
            super(ALGORITHM);
            this.recipient = recipient;
        }

        @Override
        public byte[] generateWrappedKey(GenericKey contentKey) throws OperatorException {
            Object representation = contentKey.getRepresentation();
            byte[] bytes = representation instanceof Key key ? key.getEncoded() : (byte[]) representation;
            try {
                return wrap(recipient, bytes);
            } catch (GeneralSecurityException e) {
                throw new OperatorException(e.getMessage(), e);
            }
        }
    }

    /** Unwraps the content key with an SM2 private key; SM4 content is decrypted by Bouncy Castle. */
    static final class Recipient extends JceKeyTransEnvelopedRecipient {
        private final PrivateKey key;

        Recipient(PrivateKey key) {
            super(key);
            this.key = key;
            setProvider(Algorithms.BC);
        }

        @Override
        protected Key extractSecretKey(AlgorithmIdentifier keyEncryption, AlgorithmIdentifier contentEncryption,
                byte[] encryptedKey) throws CMSException {
            try {
                return new SecretKeySpec(unwrap(key, encryptedKey), "SM4");
            } catch (GeneralSecurityException e) {
                throw new CMSException(e.getMessage(), e);
            }
        }
    }
}
