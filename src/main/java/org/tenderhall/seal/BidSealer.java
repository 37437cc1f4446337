package org.tenderhall.seal;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSAuthEnvelopedDataStreamGenerator;
import org.bouncycastle.cms.CMSEnvelopedDataStreamGenerator;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedDataStreamGenerator;
import org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder;
import org.bouncycastle.operator.OutputAEADEncryptor;

/**
 * Seals a bid package in one streaming pass: package → inner SignedData → EnvelopedData → file, with the outer
 * detached signature computed over the envelope bytes as they are written. Memory stays bounded whatever the
 * size; no plaintext touches the disk.
 */
public final class BidSealer {

    /**
     * The length of each piece of the streamed (BER) content: a reader parses one piece header per 64 KiB instead
     * of per 1000 bytes (Bouncy Castle's default), which makes inspecting and opening a large bid much cheaper.
     */
    static final int CHUNK = 1 << 16;

    private BidSealer() {
    }

    /**
     * @param bidPackage the package (a ZIP of the bid documents with {@code manifest.json}), read to its end
     * @param recipients who can open it: the tender's opening certificate and the bidder's own
     */
    public static SealedBidFiles seal(InputStream bidPackage, Signer signer, BidBinding binding,
            List<X509Certificate> recipients, SealProfile profile, Path envelopeFile, Path signatureFile)
            throws IOException, GeneralSecurityException {
        if (recipients.isEmpty()) {
            throw new IllegalArgumentException("a sealed bid needs at least one recipient");
        }
        MessageDigest envelopeDigest = MessageDigest.getInstance("SHA-256");
        CountingStream envelopeOut = new CountingStream(new DigestOutputStream(
                new BufferedOutputStream(Files.newOutputStream(envelopeFile), 1 << 16), envelopeDigest));
        CMSSignedDataStreamGenerator outer = Algorithms.signedDataGenerator(signer, () -> sizeAttribute(envelopeOut.count));
        CMSSignedDataStreamGenerator inner = Algorithms.signedDataGenerator(signer, () -> bindingAttributes(binding));
        inner.setBufferSize(CHUNK);
        long size;
        try (OutputStream signatureOut = new BufferedOutputStream(Files.newOutputStream(signatureFile));
                envelopeOut) {
            OutputStream outerContent = outer.open(signatureOut, false);
            OutputStream envelope = openEnvelope(new Tee(envelopeOut, outerContent), recipients, profile);
            OutputStream signedPackage = inner.open(envelope, true);
            bidPackage.transferTo(signedPackage);
            signedPackage.close();
            envelope.close();
            outerContent.close();
            size = envelopeOut.count;
        } catch (CMSException e) {
            throw new GeneralSecurityException("Sealing failed: " + e.getMessage(), e);
        }
        return new SealedBidFiles(envelopeFile, signatureFile, HexFormat.of().formatHex(envelopeDigest.digest()), size);
    }

    private static OutputStream openEnvelope(OutputStream out, List<X509Certificate> recipients, SealProfile profile)
            throws GeneralSecurityException, CMSException, IOException {
        if (profile == SealProfile.AES_256_GCM) {
            CMSAuthEnvelopedDataStreamGenerator generator = new CMSAuthEnvelopedDataStreamGenerator();
            generator.setBufferSize(CHUNK);
            for (X509Certificate recipient : recipients) {
                generator.addRecipientInfoGenerator(Algorithms.recipientFor(recipient));
            }
            OutputAEADEncryptor encryptor = (OutputAEADEncryptor) new JceCMSContentEncryptorBuilder(CMSAlgorithm.AES256_GCM)
                    .setProvider(Algorithms.BC).build();
            return generator.open(out, encryptor);
        }
        CMSEnvelopedDataStreamGenerator generator = new CMSEnvelopedDataStreamGenerator();
        generator.setBufferSize(CHUNK);
        for (X509Certificate recipient : recipients) {
            generator.addRecipientInfoGenerator(Algorithms.recipientFor(recipient));
        }
        // Content type id-data, holding the DER of the inner SignedData: what `openssl cms -encrypt` writes too.
        JceCMSContentEncryptorBuilder encryptor = new JceCMSContentEncryptorBuilder(profile.contentEncryption);
        if (profile == SealProfile.SM4_CBC_SM2) {
            for (X509Certificate recipient : recipients) {
                if (!Sm2KeyTransport.isSm2(recipient.getPublicKey())) {
                    throw new IllegalArgumentException("The SM4_CBC_SM2 profile needs SM2 recipients: "
                            + recipient.getSubjectX500Principal());
                }
            }
            encryptor.setProvider(Algorithms.BC); // the JDK has no SM4
        }
        return generator.open(out, encryptor.build());
    }

    private static AttributeTable sizeAttribute(long envelopeSize) {
        return new AttributeTable(new Attribute(BidBinding.ENVELOPE_SIZE, new DERSet(new ASN1Integer(envelopeSize))));
    }

    private static AttributeTable bindingAttributes(BidBinding binding) {
        ASN1EncodableVector attributes = new ASN1EncodableVector();
        attributes.add(new Attribute(BidBinding.TENDER_ID, new DERSet(new DERUTF8String(binding.tenderId()))));
        attributes.add(new Attribute(BidBinding.LOT, new DERSet(new DERUTF8String(binding.lot()))));
        attributes.add(new Attribute(BidBinding.BIDDER_CODE, new DERSet(new DERUTF8String(binding.bidderCode()))));
        return new AttributeTable(attributes);
    }

    /** Writes to two streams; closing it closes neither (each CMS layer closes its own). */
    private static final class Tee extends OutputStream {
        private final OutputStream first;
        private final OutputStream second;

        Tee(OutputStream first, OutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public void write(int b) throws IOException {
            first.write(b);
            second.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            first.write(b, off, len);
            second.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            first.flush();
            second.flush();
        }
    }

    private static final class CountingStream extends FilterOutputStream {
        long count;

        CountingStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }
}
