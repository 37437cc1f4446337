package org.tenderhall.seal;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetStringParser;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1SequenceParser;
import org.bouncycastle.asn1.ASN1Set;
import org.bouncycastle.asn1.ASN1SetParser;
import org.bouncycastle.asn1.ASN1StreamParser;
import org.bouncycastle.asn1.BERTags;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AuthEnvelopedDataParser;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfoParser;
import org.bouncycastle.asn1.cms.EncryptedContentInfoParser;
import org.bouncycastle.asn1.cms.EnvelopedDataParser;
import org.bouncycastle.asn1.cms.IssuerAndSerialNumber;
import org.bouncycastle.asn1.cms.KeyAgreeRecipientInfo;
import org.bouncycastle.asn1.cms.KeyTransRecipientInfo;
import org.bouncycastle.asn1.cms.RecipientEncryptedKey;
import org.bouncycastle.asn1.cms.RecipientIdentifier;
import org.bouncycastle.asn1.cms.RecipientInfo;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.asn1.gm.GMObjectIdentifiers;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedDataParser;
import org.bouncycastle.cms.CMSSignerDigestMismatchException;
import org.bouncycastle.cms.CMSTypedStream;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.util.io.Streams;

/**
 * Checks a sealed bid as far as is possible without opening it, in one pass over the envelope: its CMS
 * structure is complete, the detached outer signature covers exactly these bytes and verifies with the
 * certificate it carries, and the recipients are listed. Whether that certificate is trusted is the {@code pki}
 * capability's question.
 */
public final class EnvelopeInspector {

    private EnvelopeInspector() {
    }

    public static Inspection inspect(Path envelope, byte[] outerSignature) throws SealException, IOException {
        try (InputStream file = new BufferedInputStream(Files.newInputStream(envelope), 1 << 16)) {
            return inspect(file, outerSignature);
        }
    }

    public static Inspection inspect(InputStream envelope, byte[] outerSignature) throws SealException, IOException {
        // The envelope's SHA-256 as read: receipts name the envelope by it, whatever the signature's digest.
        java.security.DigestInputStream hashed = new java.security.DigestInputStream(envelope, sha256());
        outerSignature = TextForm.signatureDer(outerSignature);
        CMSSignedDataParser outer;
        boolean signatureHashesSha256;
        try {
            ASN1Primitive.fromByteArray(outerSignature); // strictly one structure, nothing after it
            outer = new CMSSignedDataParser(Algorithms.digests(), new CMSTypedStream(hashed), outerSignature);
            signatureHashesSha256 = outer.getDigestAlgorithmIDs().stream().map(id -> id.getAlgorithm())
                    .toList().equals(List.of(NISTObjectIdentifiers.id_sha256));
        } catch (CMSException | IOException | RuntimeException e) {
            throw new SealException(SealFailure.MALFORMED, "The outer signature is not a CMS signature", e);
        }
        hashed.on(!signatureHashesSha256); // a signature over SHA-256 hashes the envelope already: once is enough
        CountingInput content = new CountingInput(outer.getSignedContent().getContentStream());
        PushbackInputStream peeked = new PushbackInputStream(content, TextForm.HEAD);
        byte[] head = peeked.readNBytes(TextForm.HEAD);
        peeked.unread(head);
        Optional<TextForm> text = TextForm.of(head);
        Structure structure = null;
        Exception broken = null;
        try {
            if (text.isEmpty()) {
                structure = walk(peeked);
                if (peeked.read() != -1) {
                    broken = new Breach("bytes after the end of the envelope");
                }
            }
        } catch (IOException | RuntimeException e) {
            broken = e;
        }
        Streams.drain(peeked);
        if (text.isPresent()) {
            // Before the signature: what to fix comes first, and a signature made without -binary would not fit.
            throw new SealException(SealFailure.MALFORMED, "The envelope is " + text.get().named() + "; send the DER"
                    + " bytes (`openssl cms -encrypt ... -outform DER`), with the outer signature made over them");
        }

        SignerInformation signer = soleSigner(outer);
        Long signedSize;
        try {
            signedSize = signedEnvelopeSize(signer);
        } catch (RuntimeException e) {
            throw new SealException(SealFailure.MALFORMED, "The outer signature's envelope size is not an integer", e);
        }
        boolean truncated = signedSize != null ? content.count < signedSize : broken != null && isTruncation(broken);
        if (truncated) {
            throw new SealException(SealFailure.TRUNCATED, "The envelope ends before its structure does ("
                    + content.count + " bytes" + (signedSize == null ? "" : " of " + signedSize + " signed") + ")");
        }
        Verified signed = verify(outer, signer); // tampering explains a broken structure better than malformation does
        if (broken != null) {
            throw new SealException(SealFailure.MALFORMED, "The envelope is not a Tenderhall CMS envelope: "
                    + breach(broken).map(Breach::getMessage).orElse("its DER structure is broken"), broken);
        }
        byte[] sha256 = signatureHashesSha256 ? signer.getContentDigest() : hashed.getMessageDigest().digest();
        return new Inspection(signed.signer, signed.certificates, signed.signingTime, structure.profile,
                structure.recipients, HexFormat.of().formatHex(sha256), content.count);
    }

    private static java.security.MessageDigest sha256() {
        try {
            return java.security.MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    private record Structure(SealProfile profile, List<Inspection.RecipientRef> recipients) {
    }

    /**
     * How the envelope breaks the format, in our words. Anything else the parser throws is described without its
     * text: a refusal reaches the bidder as it is, and library messages name classes, not what to do.
     */
    private static final class Breach extends IOException {
        Breach(String message) {
            super(message);
        }
    }

    /** The breach of the format behind {@code failure}, if it is one (parsers wrap what a stream throws). */
    private static Optional<Breach> breach(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof Breach breach) {
                return Optional.of(breach);
            }
        }
        return Optional.empty();
    }

    private record Verified(X509Certificate signer, List<X509Certificate> certificates, Optional<Instant> signingTime) {
    }

    /** All of the envelope but its ciphertext (recipients, attributes) may take at most this many bytes. */
    static final int MAX_HEADER = 1 << 20;

    /**
     * Reads the whole envelope structure, draining the ciphertext, and collects the recipients. Everything but the
     * ciphertext is read into memory, so it may not exceed {@link #MAX_HEADER}.
     */
    private static Structure walk(InputStream envelope) throws IOException {
        HeaderLimit in = new HeaderLimit(envelope);
        ContentInfoParser contentInfo = new ContentInfoParser((ASN1SequenceParser) new ASN1StreamParser(in).readObject());
        ASN1ObjectIdentifier type = contentInfo.getContentType();
        if (CMSObjectIdentifiers.envelopedData.equals(type)) {
            EnvelopedDataParser data = new EnvelopedDataParser((ASN1SequenceParser) contentInfo.getContent(BERTags.SEQUENCE));
            data.getVersion();
            data.getOriginatorInfo();
            List<Inspection.RecipientRef> recipients = recipients(data.getRecipientInfos());
            EncryptedContentInfoParser encrypted = data.getEncryptedContentInfo();
            encrypted.getContentType();
            ASN1ObjectIdentifier algorithm = encrypted.getContentEncryptionAlgorithm().getAlgorithm();
            in.drain(() -> drain(encrypted.getEncryptedContent(BERTags.OCTET_STRING)));
            read(data.getUnprotectedAttrs());
            if (NISTObjectIdentifiers.id_aes256_CBC.equals(algorithm)) {
                return new Structure(SealProfile.AES_256_CBC, recipients);
            }
            if (GMObjectIdentifiers.sms4_cbc.equals(algorithm)) {
                return new Structure(SealProfile.SM4_CBC_SM2, recipients);
            }
            throw new Breach("content encryption " + algorithm + " is not a Tenderhall profile");
        }
        if (CMSObjectIdentifiers.authEnvelopedData.equals(type)) {
            AuthEnvelopedDataParser data = new AuthEnvelopedDataParser((ASN1SequenceParser) contentInfo.getContent(BERTags.SEQUENCE));
            data.getVersion();
            data.getOriginatorInfo();
            List<Inspection.RecipientRef> recipients = recipients(data.getRecipientInfos());
            EncryptedContentInfoParser encrypted = data.getAuthEncryptedContentInfo();
            encrypted.getContentType();
            ASN1ObjectIdentifier algorithm = encrypted.getContentEncryptionAlgorithm().getAlgorithm();
            in.drain(() -> drain(encrypted.getEncryptedContent(BERTags.OCTET_STRING)));
            read(data.getAuthAttrs());
            data.getMac();
            read(data.getUnauthAttrs());
            if (!NISTObjectIdentifiers.id_aes256_GCM.equals(algorithm)) {
                throw new Breach("content encryption " + algorithm + " is not a Tenderhall profile");
            }
            return new Structure(SealProfile.AES_256_GCM, recipients);
        }
        throw new Breach("content type " + type + " is not an envelope");
    }

    /** Counts the bytes read outside the ciphertext, and refuses more than {@link #MAX_HEADER} of them. */
    private static final class HeaderLimit extends java.io.FilterInputStream {
        interface Draining {
            void run() throws IOException;
        }

        private long header;
        private boolean draining;

        HeaderLimit(InputStream in) {
            super(in);
        }

        void drain(Draining ciphertext) throws IOException {
            draining = true;
            try {
                ciphertext.run();
            } finally {
                draining = false;
            }
        }

        private void count(long bytes) throws IOException {
            if (!draining && bytes > 0 && (header += bytes) > MAX_HEADER) {
                throw new Breach("the envelope's recipients and attributes take more than " + MAX_HEADER + " bytes");
            }
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            count(b < 0 ? 0 : 1);
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int read = super.read(b, off, len);
            count(read);
            return read;
        }
    }

    /** Reads a set of attributes to its end (within the header limit), so that nothing is left unread. */
    private static void read(ASN1SetParser attributes) throws IOException {
        if (attributes != null) {
            attributes.toASN1Primitive();
        }
    }

    private static void drain(ASN1Encodable octets) throws IOException {
        if (octets == null) {
            throw new Breach("the envelope carries no encrypted content");
        }
        Streams.drain(((ASN1OctetStringParser) octets).getOctetStream());
    }

    private static List<Inspection.RecipientRef> recipients(ASN1SetParser set) throws IOException {
        List<Inspection.RecipientRef> refs = new ArrayList<>();
        for (ASN1Encodable element : ASN1Set.getInstance(set.toASN1Primitive())) {
            ASN1Encodable info = RecipientInfo.getInstance(element).getInfo();
            if (info instanceof KeyTransRecipientInfo keyTrans) {
                refs.add(ref(keyTrans.getRecipientIdentifier()));
            } else if (info instanceof KeyAgreeRecipientInfo keyAgree) {
                for (ASN1Encodable encryptedKey : keyAgree.getRecipientEncryptedKeys()) {
                    var id = RecipientEncryptedKey.getInstance(encryptedKey).getIdentifier();
                    refs.add(id.getIssuerAndSerialNumber() != null
                            ? ref(id.getIssuerAndSerialNumber())
                            : new Inspection.RecipientRef(null, null, id.getRKeyID().getSubjectKeyIdentifier().getOctets()));
                }
            }
        }
        return refs;
    }

    private static Inspection.RecipientRef ref(RecipientIdentifier id) throws IOException {
        if (id.isTagged()) {
            return new Inspection.RecipientRef(null, null,
                    org.bouncycastle.asn1.ASN1OctetString.getInstance(id.getId()).getOctets());
        }
        return ref(IssuerAndSerialNumber.getInstance(id.getId()));
    }

    private static Inspection.RecipientRef ref(IssuerAndSerialNumber id) throws IOException {
        return new Inspection.RecipientRef(new X500Principal(id.getName().getEncoded()), id.getSerialNumber().getValue(), null);
    }

    private static SignerInformation soleSigner(CMSSignedDataParser outer) throws SealException {
        try {
            List<SignerInformation> signers = new ArrayList<>(outer.getSignerInfos().getSigners());
            if (signers.size() != 1) {
                throw new SealException(SealFailure.MALFORMED, "The outer signature must have exactly one signer");
            }
            SignerInformation signer = signers.get(0);
            if (!Digests.allowed(signer, outer.getCertificates().getMatches(signer.getSID()))) {
                throw new SealException(SealFailure.MALFORMED, "The outer signature must use SHA-256 (or SM3 with an SM2 key)");
            }
            Optional<String> refused = Algorithms.refusedSignature(signer);
            if (refused.isPresent()) {
                throw new SealException(SealFailure.MALFORMED, "The outer signature: " + refused.get());
            }
            return signer;
        } catch (CMSException | RuntimeException e) {
            throw new SealException(SealFailure.MALFORMED, "The outer signature's signer information can not be read", e);
        }
    }

    /** The envelope size the signer signed, when the sealer recorded it (Tenderhall does; plain OpenSSL does not). */
    private static Long signedEnvelopeSize(SignerInformation signer) {
        if (signer.getSignedAttributes() == null || signer.getSignedAttributes().get(BidBinding.ENVELOPE_SIZE) == null) {
            return null;
        }
        return ASN1Integer.getInstance(signer.getSignedAttributes().get(BidBinding.ENVELOPE_SIZE).getAttrValues()
                .getObjectAt(0)).longValueExact();
    }

    private static Verified verify(CMSSignedDataParser outer, SignerInformation signer) throws SealException {
        try {
            @SuppressWarnings("unchecked")
            var matches = outer.getCertificates().getMatches(signer.getSID());
            if (matches.isEmpty()) {
                throw new SealException(SealFailure.MALFORMED, "The outer signature does not carry its signer's certificate");
            }
            X509Certificate certificate = Certificates.toX509((X509CertificateHolder) matches.iterator().next());
            boolean valid;
            try {
                valid = signer.verify(Algorithms.verifier(certificate, signer));
            } catch (CMSSignerDigestMismatchException changed) {
                throw new SealException(SealFailure.TAMPERED, "The envelope is not the one its outer signature was made over");
            }
            if (!valid) {
                throw new SealException(SealFailure.OUTER_SIGNATURE_INVALID, "The outer signature does not verify");
            }
            List<X509Certificate> certificates = new ArrayList<>();
            for (Object holder : outer.getCertificates().getMatches(null)) {
                certificates.add(Certificates.toX509((X509CertificateHolder) holder));
            }
            return new Verified(certificate, certificates, signingTime(signer));
        } catch (CMSException | OperatorCreationException | CertificateException | RuntimeException e) {
            throw new SealException(SealFailure.OUTER_SIGNATURE_INVALID, "The outer signature can not be verified with"
                    + " its certificate (signature algorithm " + signer.getEncryptionAlgOID() + ")", e);
        }
    }

    static Optional<Instant> signingTime(SignerInformation signer) {
        if (signer.getSignedAttributes() == null) {
            return Optional.empty();
        }
        Attribute attribute = signer.getSignedAttributes().get(CMSAttributes.signingTime);
        if (attribute == null) {
            return Optional.empty();
        }
        return Optional.of(Time.getInstance(attribute.getAttrValues().getObjectAt(0)).getDate().toInstant());
    }

    static boolean isTruncation(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            String message = String.valueOf(cause.getMessage());
            if (cause instanceof EOFException || message.contains("EOF") || message.contains("truncated")
                    || message.contains("unexpected end")) {
                return true;
            }
        }
        return false;
    }

    /** Counts the envelope's bytes as they pass. */
    private static final class CountingInput extends java.io.FilterInputStream {
        long count;

        CountingInput(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }
}
