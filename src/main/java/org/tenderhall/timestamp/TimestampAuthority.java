package org.tenderhall.timestamp;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.DigestCalculator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampResponseGenerator;
import org.bouncycastle.tsp.TimeStampToken;
import org.bouncycastle.tsp.TimeStampTokenGenerator;

/**
 * An RFC 3161 time-stamping authority over one TSA key: SHA256withRSA (or SHA256withECDSA) signatures,
 * ESSCertIDv2, times to the millisecond with one-second accuracy, the certificate chain in every token. The caller supplies each token's
 * unique serial number and the time, from the platform's clock.
 */
public final class TimestampAuthority {

    /** The TSA policy of Tenderhall's timestamps, under its UUID-based arc. */
    public static final ASN1ObjectIdentifier POLICY = new ASN1ObjectIdentifier("2.25.148410470237302513389926089466716612801.5");

    /** Digests it stamps; a request with another (SHA-1, MD5) gets a rejection (badAlg). */
    public static final java.util.Set<ASN1ObjectIdentifier> ACCEPTED = java.util.Set.of(TSPAlgorithms.SHA256,
            TSPAlgorithms.SHA384, TSPAlgorithms.SHA512, TSPAlgorithms.SM3);

    private final TimeStampResponseGenerator responses;

    public TimestampAuthority(PrivateKey key, List<X509Certificate> chain) throws GeneralSecurityException {
        X509Certificate certificate = chain.get(0);
        List<String> usages = certificate.getExtendedKeyUsage();
        if (usages == null || usages.size() != 1 || !usages.contains(KeyPurposeId.id_kp_timeStamping.getId())
                || !certificate.getCriticalExtensionOIDs().contains("2.5.29.37")) {
            throw new GeneralSecurityException("A TSA certificate needs the critical extended key usage timeStamping, alone");
        }
        try {
            String algorithm = "RSA".equals(key.getAlgorithm()) ? "SHA256withRSA" : "SHA256withECDSA";
            DigestCalculator sha256 = new JcaDigestCalculatorProviderBuilder().build()
                    .get(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256));
            TimeStampTokenGenerator tokens = new TimeStampTokenGenerator(
                    new JcaSimpleSignerInfoGeneratorBuilder().build(algorithm, key, certificate), sha256, POLICY);
            tokens.setAccuracySeconds(1);
            tokens.setResolution(TimeStampTokenGenerator.R_MILLISECONDS); // receipts name the millisecond
            tokens.addCertificates(new JcaCertStore(chain));
            // Only our policy, and no extension a requester asks for, goes into a token the platform signs.
            this.responses = new TimeStampResponseGenerator(tokens, ACCEPTED, java.util.Set.of(POLICY), java.util.Set.of());
        } catch (OperatorCreationException | TSPException | java.security.cert.CertificateEncodingException e) {
            throw new GeneralSecurityException("Cannot use the TSA key: " + e.getMessage(), e);
        }
    }

    /** Answers an RFC 3161 request: a token, or a rejection (an algorithm it does not accept, say). */
    public TimeStampResponse respond(TimeStampRequest request, BigInteger serial, Instant now) throws TSPException {
        return responses.generate(request, serial, Date.from(now));
    }

    /** A token over a SHA-256 digest, for the platform's own receipts and documents. */
    public TimeStampToken stamp(byte[] sha256, BigInteger serial, Instant now) throws TSPException {
        TimeStampRequestGenerator request = new TimeStampRequestGenerator();
        request.setCertReq(true);
        TimeStampResponse response = respond(request.generate(TSPAlgorithms.SHA256, sha256), serial, now);
        if (response.getTimeStampToken() == null) {
            throw new TSPException("the TSA refused: " + response.getStatusString());
        }
        return response.getTimeStampToken();
    }
}
