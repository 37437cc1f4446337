package org.tenderhall.seal;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.util.Optional;
import java.util.function.Supplier;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedDataStreamGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.KeyAgreeRecipientInformation;
import org.bouncycastle.cms.Recipient;
import org.bouncycastle.cms.RecipientInfoGenerator;
import org.bouncycastle.cms.RecipientInformation;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.cms.jcajce.JceKeyAgreeAuthEnvelopedRecipient;
import org.bouncycastle.cms.jcajce.JceKeyAgreeEnvelopedRecipient;
import org.bouncycastle.cms.jcajce.JceKeyAgreeRecipientInfoGenerator;
import org.bouncycastle.cms.jcajce.JceKeyTransAuthEnvelopedRecipient;
import org.bouncycastle.cms.jcajce.JceKeyTransEnvelopedRecipient;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientInfoGenerator;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSASSAPSSparams;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.operator.jcajce.JceAsymmetricKeyWrapper;

/**
 * The one place that chooses algorithms for the envelope: SHA-256 everywhere, RSA-OAEP with SHA-256 or
 * ephemeral-static ECDH (X9.63 KDF with SHA-256, AES-256 key wrap) for recipients, by the recipient's key type.
 */
final class Algorithms {

    /** Bouncy Castle as a private provider instance: never installed globally. */
    static final Provider BC = new BouncyCastleProvider();

    private static final OAEPParameterSpec OAEP_SHA256 = new OAEPParameterSpec("SHA-256", "MGF1",
            MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT);

    private Algorithms() {
    }

    /** The JDK's digests (several times faster than Bouncy Castle's in Java), and Bouncy Castle's for SM3. */
    static DigestCalculatorProvider digests() {
        try {
            DigestCalculatorProvider jdk = new JcaDigestCalculatorProviderBuilder().build();
            DigestCalculatorProvider bc = new JcaDigestCalculatorProviderBuilder().setProvider(BC).build();
            return algorithm -> {
                try {
                    return jdk.get(algorithm);
                } catch (OperatorCreationException notInTheJdk) {
                    return bc.get(algorithm);
                }
            };
        } catch (OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    static String signatureAlgorithm(X509Certificate certificate) {
        if (Sm2KeyTransport.isSm2(certificate.getPublicKey())) {
            return "SM3withSM2";
        }
        return switch (certificate.getPublicKey().getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            default -> throw new IllegalArgumentException("No signature profile for "
                    + certificate.getPublicKey().getAlgorithm() + " keys");
        };
    }

    /**
     * Verifies {@code signer}'s signature by {@code certificate}: the JDK's providers, or Bouncy Castle's for SM2 and
     * for RSASSA-PSS (the JDK has no name for PSS that Bouncy Castle's CMS asks for). Check
     * {@link #refusedSignature} first.
     */
    static org.bouncycastle.cms.SignerInformationVerifier verifier(X509Certificate certificate, SignerInformation signer)
            throws OperatorCreationException {
        JcaSimpleSignerInfoVerifierBuilder builder = new JcaSimpleSignerInfoVerifierBuilder();
        if (Sm2KeyTransport.isSm2(certificate.getPublicKey()) || isPss(signer)) {
            builder.setProvider(BC);
        }
        // With the key, not the certificate: Bouncy Castle would otherwise judge validity at the signingTime the
        // signer claims. Validity is the pki check's question, at the platform's receipt time.
        return builder.build(certificate.getPublicKey());
    }

    private static boolean isPss(SignerInformation signer) {
        return PKCSObjectIdentifiers.id_RSASSA_PSS.getId().equals(signer.getEncryptionAlgOID());
    }

    /**
     * Why {@code signer}'s signature algorithm is refused, or empty. RSASSA-PSS (RFC 4055) is taken with SHA-256,
     * MGF1 with SHA-256 and the usual trailer, whatever its salt length: what {@code openssl cms -sign -md sha256
     * -keyopt rsa_padding_mode:pss} writes. Its parameters are checked here because a verifier would take others.
     */
    static Optional<String> refusedSignature(SignerInformation signer) {
        if (!isPss(signer)) {
            return Optional.empty();
        }
        String refusal = "RSASSA-PSS signatures are taken with SHA-256 and MGF1 with SHA-256 only: sign with"
                + " `-md sha256 -keyopt rsa_padding_mode:pss`, without another `rsa_mgf1_md`";
        try {
            byte[] encoded = signer.getEncryptionAlgParams();
            if (encoded == null) {
                return Optional.of(refusal); // the defaults are SHA-1
            }
            RSASSAPSSparams pss = RSASSAPSSparams.getInstance(ASN1Primitive.fromByteArray(encoded));
            AlgorithmIdentifier mgf = pss.getMaskGenAlgorithm();
            boolean sha256 = NISTObjectIdentifiers.id_sha256.equals(pss.getHashAlgorithm().getAlgorithm())
                    && PKCSObjectIdentifiers.id_mgf1.equals(mgf.getAlgorithm())
                    && NISTObjectIdentifiers.id_sha256.equals(AlgorithmIdentifier.getInstance(mgf.getParameters())
                            .getAlgorithm())
                    && pss.getTrailerField().intValueExact() == 1;
            return sha256 ? Optional.empty() : Optional.of(refusal);
        } catch (java.io.IOException | RuntimeException e) {
            return Optional.of("The RSASSA-PSS parameters of the signature can not be read. " + refusal);
        }
    }

    /**
     * A streaming SignedData generator for {@code signer}, with {@code extraAttributes} signed too; they are asked
     * for when the signature is made, after the content has passed.
     */
    static CMSSignedDataStreamGenerator signedDataGenerator(Signer signer, Supplier<AttributeTable> extraAttributes)
            throws GeneralSecurityException {
        try {
            CMSSignedDataStreamGenerator generator = new CMSSignedDataStreamGenerator();
            JcaSignerInfoGeneratorBuilder info = new JcaSignerInfoGeneratorBuilder(digests());
            if (extraAttributes != null) {
                info.setSignedAttributeGenerator(parameters ->
                        new DefaultSignedAttributeTableGenerator(extraAttributes.get()).getAttributes(parameters));
            }
            JcaContentSignerBuilder contentSigner = new JcaContentSignerBuilder(signatureAlgorithm(signer.certificate()));
            if (Sm2KeyTransport.isSm2(signer.certificate().getPublicKey())) {
                contentSigner.setProvider(BC);
            }
            generator.addSignerInfoGenerator(info.build(contentSigner.build(signer.key()), signer.certificate()));
            generator.addCertificates(new JcaCertStore(signer.chain()));
            return generator;
        } catch (OperatorCreationException | CMSException e) {
            throw new GeneralSecurityException("Cannot sign with this key: " + e.getMessage(), e);
        }
    }

    static RecipientInfoGenerator recipientFor(X509Certificate certificate) throws GeneralSecurityException {
        if (Sm2KeyTransport.isSm2(certificate.getPublicKey())) {
            return new JceKeyTransRecipientInfoGenerator(certificate, new Sm2KeyTransport.Wrapper(certificate.getPublicKey()));
        }
        return switch (certificate.getPublicKey().getAlgorithm()) {
            case "RSA" -> new JceKeyTransRecipientInfoGenerator(certificate,
                    new JceAsymmetricKeyWrapper(OAEP_SHA256, certificate.getPublicKey()).setProvider(BC)).setProvider(BC);
            case "EC" -> {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
                generator.initialize(((ECPublicKey) certificate.getPublicKey()).getParams());
                KeyPair ephemeral = generator.generateKeyPair();
                yield new JceKeyAgreeRecipientInfoGenerator(CMSAlgorithm.ECDH_SHA256KDF, ephemeral.getPrivate(),
                        ephemeral.getPublic(), CMSAlgorithm.AES256_WRAP).addRecipient(certificate).setProvider(BC);
            }
            default -> throw new GeneralSecurityException("No recipient profile for "
                    + certificate.getPublicKey().getAlgorithm() + " keys");
        };
    }

    /**
     * The recipient that unwraps the content key with {@code key}. CBC content is decrypted by the JDK (several
     * times faster); GCM by Bouncy Castle, which streams it (the JDK buffers the whole ciphertext).
     */
    static Recipient recipientWith(RecipientInformation information, PrivateKey key, X509Certificate keyCertificate,
            boolean authenticated) {
        if (Sm2KeyTransport.isSm2(keyCertificate.getPublicKey())) {
            return new Sm2KeyTransport.Recipient(key).setContentProvider(BC);
        }
        if (TokenKeyUnwrap.onToken(key) && "RSA".equals(key.getAlgorithm())) {
            return authenticated ? new TokenKeyUnwrap.AuthEnveloped(key).setProvider(BC)
                    : new TokenKeyUnwrap.Enveloped(key).setProvider(BC).setContentProvider("SunJCE");
        }
        if (information instanceof KeyAgreeRecipientInformation) {
            if (authenticated) {
                return new JceKeyAgreeAuthEnvelopedRecipient(key).setProvider(BC);
            }
            return new JceKeyAgreeEnvelopedRecipient(key).setProvider(BC).setContentProvider("SunJCE");
        }
        if (authenticated) {
            return new JceKeyTransAuthEnvelopedRecipient(key).setProvider(BC);
        }
        return new JceKeyTransEnvelopedRecipient(key).setProvider(BC).setContentProvider("SunJCE");
    }
}
