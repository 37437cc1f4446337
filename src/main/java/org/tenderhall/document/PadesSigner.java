package org.tenderhall.document;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.TimeZone;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.SignatureOptions;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSAttributeTableGenerator;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.SignerInformationStore;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TimeStampToken;

/**
 * Signs a PDF as the platform, PAdES baseline B-T: a detached CAdES signature ({@code ETSI.CAdES.detached})
 * with the ESS signing-certificate-v2 attribute and no signing-time attribute (the signature dictionary carries
 * the time), and an RFC 3161 signature timestamp over the signature value. Saved incrementally, so the signed
 * bytes, a PDF/A document included, are left as they were.
 */
public final class PadesSigner {

    /** Timestamps a SHA-256 digest: the platform TSA. */
    @FunctionalInterface
    public interface Timestamper {
        TimeStampToken stamp(byte[] sha256) throws Exception;
    }

    private PadesSigner() {
    }

    public static byte[] sign(byte[] pdf, PrivateKey key, List<X509Certificate> chain, Timestamper timestamper,
            Instant signingTime, String reason) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            PDSignature signature = new PDSignature();
            signature.setFilter(PDSignature.FILTER_ADOBE_PPKLITE);
            signature.setSubFilter(COSName.getPDFName("ETSI.CAdES.detached"));
            signature.setName("Tenderhall");
            signature.setReason(reason);
            Calendar time = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
            time.setTimeInMillis(signingTime.toEpochMilli());
            signature.setSignDate(time);
            try (SignatureOptions options = new SignatureOptions()) {
                options.setPreferredSignatureSize(32_768);
                document.addSignature(signature, content -> cades(content, key, chain, timestamper), options);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                document.saveIncremental(out);
                return out.toByteArray();
            }
        }
    }

    private static byte[] cades(InputStream content, PrivateKey key, List<X509Certificate> chain, Timestamper timestamper)
            throws IOException {
        try {
            X509Certificate certificate = chain.get(0);
            String algorithm = "RSA".equals(key.getAlgorithm()) ? "SHA256withRSA" : "SHA256withECDSA";
            byte[] certificateHash = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            Attribute signingCertificate = new Attribute(PKCSObjectIdentifiers.id_aa_signingCertificateV2,
                    new DERSet(new SigningCertificateV2(new ESSCertIDv2(certificateHash))));
            CMSAttributeTableGenerator signedAttributes = parameters -> {
                ASN1EncodableVector attributes = new ASN1EncodableVector();
                attributes.add(new Attribute(CMSAttributes.contentType,
                        new DERSet((org.bouncycastle.asn1.ASN1ObjectIdentifier) parameters.get(CMSAttributeTableGenerator.CONTENT_TYPE))));
                attributes.add(new Attribute(CMSAttributes.messageDigest, new DERSet(
                        new org.bouncycastle.asn1.DEROctetString((byte[]) parameters.get(CMSAttributeTableGenerator.DIGEST)))));
                attributes.add(signingCertificate);
                return new AttributeTable(attributes);
            };
            CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
            generator.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build())
                    .setSignedAttributeGenerator(signedAttributes)
                    .build(new JcaContentSignerBuilder(algorithm).build(key), certificate));
            generator.addCertificates(new JcaCertStore(chain));
            CMSSignedData signed = generator.generate(new CMSProcessableByteArray(content.readAllBytes()), false);

            SignerInformation signer = signed.getSignerInfos().getSigners().iterator().next();
            TimeStampToken token = timestamper.stamp(MessageDigest.getInstance("SHA-256").digest(signer.getSignature()));
            Attribute timestamp = new Attribute(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken,
                    new DERSet(ASN1Primitive.fromByteArray(token.getEncoded())));
            SignerInformation stamped = SignerInformation.replaceUnsignedAttributes(signer,
                    new AttributeTable(timestamp));
            return CMSSignedData.replaceSigners(signed, new SignerInformationStore(stamped)).getEncoded();
        } catch (GeneralSecurityException | OperatorCreationException | CMSException e) {
            throw new IOException("Signing the document failed: " + e.getMessage(), e);
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("Timestamping the document signature failed: " + e.getMessage(), e);
        }
    }
}
