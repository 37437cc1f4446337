package org.tenderhall.seal;

import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.PrivateKey;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAESOAEPparams;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.jcajce.JceKeyTransAuthEnvelopedRecipient;
import org.bouncycastle.cms.jcajce.JceKeyTransEnvelopedRecipient;
import org.bouncycastle.crypto.AsymmetricBlockCipher;
import org.bouncycastle.crypto.CipherParameters;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.digests.SHA1Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.encodings.OAEPEncoding;
import org.bouncycastle.crypto.encodings.PKCS1Encoding;

/**
 * Unwraps a content key with an RSA key that never leaves its token (PKCS#11: a bidder's USB key): the raw RSA
 * operation runs on the token, the OAEP (or PKCS#1 v1.5) decoding here. Tokens commonly offer raw RSA but not
 * OAEP with SHA-256.
 */
final class TokenKeyUnwrap {

    private TokenKeyUnwrap() {
    }

    /** Whether the key's material is out of reach: it lives on a token. */
    static boolean onToken(PrivateKey key) {
        return key.getEncoded() == null;
    }

    static Key unwrap(PrivateKey key, AlgorithmIdentifier keyEncryption, AlgorithmIdentifier contentEncryption,
            byte[] encryptedKey) throws CMSException {
        // An RSA ciphertext is exactly as long as the modulus, which a token key does not reveal.
        AsymmetricBlockCipher decoding = decoding(keyEncryption, new TokenRsa(key, encryptedKey.length));
        try {
            decoding.init(false, null);
            byte[] contentKey = decoding.processBlock(encryptedKey, 0, encryptedKey.length);
            boolean aes = contentEncryption.getAlgorithm().getId().startsWith(NISTObjectIdentifiers.aes.getId() + ".");
            return new SecretKeySpec(contentKey, aes ? "AES" : contentEncryption.getAlgorithm().getId());
        } catch (InvalidCipherTextException | RuntimeException e) {
            throw new CMSException("the key does not unwrap the content key: " + e.getMessage(), e);
        }
    }

    private static AsymmetricBlockCipher decoding(AlgorithmIdentifier keyEncryption, TokenRsa rsa) throws CMSException {
        if (PKCSObjectIdentifiers.rsaEncryption.equals(keyEncryption.getAlgorithm())) {
            return new PKCS1Encoding(rsa);
        }
        if (PKCSObjectIdentifiers.id_RSAES_OAEP.equals(keyEncryption.getAlgorithm())) {
            RSAESOAEPparams parameters = RSAESOAEPparams.getInstance(keyEncryption.getParameters());
            Digest hash = digest(parameters.getHashAlgorithm());
            Digest mgf = digest(AlgorithmIdentifier.getInstance(parameters.getMaskGenAlgorithm().getParameters()));
            return new OAEPEncoding(rsa, hash, mgf, null);
        }
        throw new CMSException("key encryption " + keyEncryption.getAlgorithm() + " is not supported for token keys");
    }

    private static Digest digest(AlgorithmIdentifier algorithm) throws CMSException {
        if (NISTObjectIdentifiers.id_sha256.equals(algorithm.getAlgorithm())) {
            return SHA256Digest.newInstance();
        }
        if (OIWObjectIdentifiers.idSHA1.equals(algorithm.getAlgorithm())) {
            return new SHA1Digest();
        }
        throw new CMSException("OAEP digest " + algorithm.getAlgorithm() + " is not supported");
    }

    /** Raw RSA decryption performed by the key's own provider (the token). */
    private static final class TokenRsa implements AsymmetricBlockCipher {
        private final PrivateKey key;
        private final int modulusBytes;

        TokenRsa(PrivateKey key, int modulusBytes) {
            this.key = key;
            this.modulusBytes = modulusBytes;
        }

        @Override
        public void init(boolean forEncryption, CipherParameters parameters) {
        }

        @Override
        public int getInputBlockSize() {
            return modulusBytes;
        }

        @Override
        public int getOutputBlockSize() {
            return modulusBytes - 1; // the encoded message without its leading zero octet
        }

        @Override
        public byte[] processBlock(byte[] in, int offset, int length) throws InvalidCipherTextException {
            try {
                Cipher raw = Cipher.getInstance("RSA/ECB/NoPadding");
                raw.init(Cipher.DECRYPT_MODE, key);
                byte[] encoded = raw.doFinal(in, offset, length);
                int leadingZeros = 0;
                while (leadingZeros < encoded.length && encoded[leadingZeros] == 0) {
                    leadingZeros++;
                }
                return Arrays.copyOfRange(encoded, leadingZeros, encoded.length);
            } catch (GeneralSecurityException e) {
                throw new InvalidCipherTextException("raw RSA on the token failed: " + e.getMessage(), e);
            }
        }
    }

    /** The recipient for EnvelopedData (CBC) with a token key. */
    static final class Enveloped extends JceKeyTransEnvelopedRecipient {
        private final PrivateKey key;

        Enveloped(PrivateKey key) {
            super(key);
            this.key = key;
        }

        @Override
        protected Key extractSecretKey(AlgorithmIdentifier keyEncryption, AlgorithmIdentifier contentEncryption,
                byte[] encryptedKey) throws CMSException {
            return unwrap(key, keyEncryption, contentEncryption, encryptedKey);
        }
    }

    /** The recipient for AuthEnvelopedData (GCM) with a token key. */
    static final class AuthEnveloped extends JceKeyTransAuthEnvelopedRecipient {
        private final PrivateKey key;

        AuthEnveloped(PrivateKey key) {
            super(key);
            this.key = key;
        }

        @Override
        protected Key extractSecretKey(AlgorithmIdentifier keyEncryption, AlgorithmIdentifier contentEncryption,
                byte[] encryptedKey) throws CMSException {
            return unwrap(key, keyEncryption, contentEncryption, encryptedKey);
        }
    }
}
