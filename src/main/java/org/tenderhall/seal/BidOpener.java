package org.tenderhall.seal;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PushbackInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSAuthEnvelopedDataParser;
import org.bouncycastle.cms.CMSEnvelopedDataParser;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedDataParser;
import org.bouncycastle.cms.CMSTypedStream;
import org.bouncycastle.cms.RecipientId;
import org.bouncycastle.cms.RecipientInformation;
import org.bouncycastle.cms.RecipientInformationStore;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JceKeyAgreeRecipientId;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientId;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.util.io.Streams;

/**
 * Opens a sealed bid with a recipient's private key: decrypts the envelope and verifies the inner signature in
 * one streaming pass. The package is written to a temporary file and handed over only after a clean end of
 * stream (for GCM: after the tag is checked), a good inner signature, and an inner signer equal to the envelope's
 * outer signer; otherwise the file is deleted. Call {@link EnvelopeInspector} first: it establishes that the
 * envelope is intact and who signed it.
 */
public final class BidOpener {

    private BidOpener() {
    }

    /**
     * Opens the envelope that was inspected at submission: its SHA-256 must still be the inspected one (a file
     * substituted in storage is refused as tampered) and the bid inside must be signed by the envelope's signer.
     * The caller compares the returned binding with the tender, lot and bidder it expects.
     *
     * @param inspection     the envelope's inspection at submission
     * @param key            a recipient's private key: the tender's opening key, or the bidder's own
     * @param keyCertificate the certificate of {@code key}, which names it among the recipients
     * @param workDirectory  where the package is written
     */
    public static OpenedBid open(Path envelope, Inspection inspection, PrivateKey key, X509Certificate keyCertificate,
            Path workDirectory) throws SealException, IOException {
        return open(envelope, inspection.signer(), inspection.envelopeSha256(), key, keyCertificate, workDirectory);
    }

    /** As above; with {@code expectedSha256} null the file is not compared (tests of damage past inspection). */
    static OpenedBid open(Path envelope, X509Certificate outerSigner, String expectedSha256, PrivateKey key,
            X509Certificate keyCertificate, Path workDirectory) throws SealException, IOException {
        Path bidPackage = Files.createTempFile(workDirectory, "bid-package-", ".zip");
        boolean accepted = false;
        try {
            OpenedBid opened;
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(bidPackage), 1 << 16)) {
                opened = open(envelope, outerSigner, expectedSha256, key, keyCertificate, out);
            }
            accepted = true;
            return new OpenedBid(bidPackage, opened.packageSha256(), opened.packageSize(), opened.signer(),
                    opened.certificates(), opened.claimedSigningTime(), opened.binding());
        } finally {
            if (!accepted) {
                Files.deleteIfExists(bidPackage);
            }
        }
    }

    /**
     * Opens the envelope into {@code packageOut} instead of a file: the platform's opening, which keeps the package
     * encrypted at rest. What was written is the package only if this returns; on an exception the caller discards
     * it. The returned bid has no {@code bidPackage} file.
     *
     * @param expectedSha256 the envelope's SHA-256 at submission: a file substituted since is refused as tampered
     */
    public static OpenedBid open(Path envelope, X509Certificate outerSigner, String expectedSha256, PrivateKey key,
            X509Certificate keyCertificate, OutputStream packageOut) throws SealException, IOException {
        return open(envelope, outerSigner, expectedSha256, file -> {
            Found found = recipientFor(file, keyCertificate);
            return new Unlocked(found, Algorithms.recipientWith(found.information, key, keyCertificate, found.authenticated));
        }, packageOut);
    }

    /**
     * As above, with the content-encryption key itself instead of a recipient's private key: what a bidder hands
     * in at an opening in bidder-decrypts custody ({@link ContentKeys}).
     */
    public static OpenedBid openWithContentKey(Path envelope, X509Certificate outerSigner, String expectedSha256,
            byte[] contentKey, OutputStream packageOut) throws SealException, IOException {
        return open(envelope, outerSigner, expectedSha256, file -> {
            Recipients recipients = recipients(file);
            RecipientInformation any = recipients.store.getRecipients().stream()
                    .filter(r -> r instanceof org.bouncycastle.cms.KeyTransRecipientInformation).findFirst()
                    .orElseThrow(() -> new SealException(SealFailure.MALFORMED, "The envelope has no key-transport"
                            + " recipient (the opening certificate's)"));
            return new Unlocked(new Found(any, recipients.authenticated),
                    ContentKeys.withContentKey(any, contentKey, recipients.authenticated));
        }, packageOut);
    }

    /**
     * Whether {@code contentKey} decrypts the envelope's content into the start of a signed bid: a quick check
     * of a key handed in (a wrong key gives noise), not the opening itself.
     */
    static boolean startsAsSignedBid(Path envelope, byte[] contentKey) throws SealException, IOException {
        byte[] signedData = CMSObjectIdentifiers.signedData.getEncoded(org.bouncycastle.asn1.ASN1Encoding.DER);
        try (InputStream file = new BufferedInputStream(Files.newInputStream(envelope), 1 << 16)) {
            Recipients recipients = recipients(file);
            RecipientInformation any = recipients.store.getRecipients().stream()
                    .filter(r -> r instanceof org.bouncycastle.cms.KeyTransRecipientInformation).findFirst()
                    .orElseThrow(() -> new SealException(SealFailure.MALFORMED, "No key-transport recipient"));
            byte[] head;
            try {
                head = any.getContentStream(ContentKeys.withContentKey(any, contentKey, recipients.authenticated))
                        .getContentStream().readNBytes(TextForm.HEAD);
            } catch (CMSException | IOException | RuntimeException e) {
                return false;
            }
            if (TextForm.of(head).isPresent()) {
                return true; // the right key (a wrong one gives noise): the opening refuses the text, saying so
            }
            if (head.length < 2 || head[0] != 0x30) {
                return false;
            }
            outer:
            for (int i = 0; i + signedData.length <= head.length; i++) {
                for (int j = 0; j < signedData.length; j++) {
                    if (head[i + j] != signedData[j]) {
                        continue outer;
                    }
                }
                return true;
            }
            return false;
        }
    }

    /** Finds the envelope's entry to unlock, and the recipient that unlocks it. */
    private interface Unlocking {
        Unlocked unlock(InputStream file) throws SealException, IOException;
    }

    private record Unlocked(Found found, org.bouncycastle.cms.Recipient recipient) {
    }

    private static OpenedBid open(Path envelope, X509Certificate outerSigner, String expectedSha256,
            Unlocking unlocking, OutputStream packageOut) throws SealException, IOException {
        MessageDigest fileSha256 = sha256();
        try (DigestInputStream digesting = new DigestInputStream(Files.newInputStream(envelope), fileSha256);
                InputStream file = new BufferedInputStream(digesting, 1 << 16)) {
            OpenedBid opened = open(file, outerSigner, unlocking, packageOut);
            Streams.drain(file); // the file's last bytes, for its digest
            if (expectedSha256 != null && !expectedSha256.equals(HexFormat.of().formatHex(fileSha256.digest()))) {
                throw new SealException(SealFailure.TAMPERED, "The envelope is not the one inspected at submission");
            }
            return opened;
        }
    }

    private static OpenedBid open(InputStream file, X509Certificate outerSigner, Unlocking unlocking,
            OutputStream packageOut) throws SealException, IOException {
        Unlocked unlocked = unlocking.unlock(file);
        CMSTypedStream decrypted;
        try {
            decrypted = unlocked.found.information.getContentStream(unlocked.recipient);
        } catch (CMSException | RuntimeException e) {
            throw new SealException(SealFailure.DECRYPTION_FAILED, "The key does not unlock this envelope", e);
        }

        Sink sink = new Sink(packageOut);
        CMSSignedDataParser inner;
        long size;
        Signed signed;
        byte[] packageSha256;
        try (ReadAhead plaintext = new ReadAhead(decrypted.getContentStream(), "bid-decryption")) {
            PushbackInputStream peeked = new PushbackInputStream(plaintext, TextForm.HEAD);
            byte[] head = peeked.readNBytes(TextForm.HEAD);
            peeked.unread(head);
            Optional<TextForm> text = TextForm.of(head);
            if (text.isPresent()) {
                Streams.drain(peeked); // to the end, where the ciphertext proves whole: else it is no text at all
                throw new SealException(SealFailure.INNER_SIGNATURE_INVALID, "The signed bid inside the envelope is "
                        + text.get().named() + " text, not DER: sign the package with `openssl cms -sign -binary"
                        + " -nodetach ... -outform DER` and encrypt those bytes");
            }
            inner = new CMSSignedDataParser(Algorithms.digests(), peeked);
            CMSTypedStream signedContent = inner.getSignedContent();
            if (signedContent == null) {
                throw new SealException(SealFailure.INNER_SIGNATURE_INVALID, "The signed bid carries no package");
            }
            // The package's SHA-256 is the inner signature's own when SHA-256 is the only digest it lists;
            // otherwise (SM3) it is computed beside.
            MessageDigest sha256 = sha256();
            boolean onlySha256 = inner.getDigestAlgorithmIDs().size() == 1 && inner.getDigestAlgorithmIDs().stream()
                    .allMatch(a -> NISTObjectIdentifiers.id_sha256.equals(a.getAlgorithm()));
            OutputStream out = onlySha256 ? sink : new DigestOutputStream(sink, sha256);
            size = signedContent.getContentStream().transferTo(out);
            out.flush();
            signed = verifyInner(inner);
            packageSha256 = onlySha256 ? signed.information.getContentDigest() : sha256.digest();
            // Read to the very end: only there does a GCM tag, or CBC padding, prove the ciphertext whole.
            Streams.drain(plaintext);
        } catch (CMSException | RuntimeException e) {
            sink.rethrowFailure();
            throw new SealException(SealFailure.INNER_SIGNATURE_INVALID, "The decrypted content is not a signed bid", e);
        } catch (IOException e) {
            sink.rethrowFailure();
            throw new SealException(SealFailure.DECRYPTION_FAILED, "The content did not decrypt cleanly: the"
                    + " ciphertext is damaged, or the key is not the one it was encrypted with", e);
        }

        if (!signed.signer.equals(outerSigner)) {
            throw new SealException(SealFailure.SIGNER_MISMATCH, "The bid was signed by "
                    + signed.signer.getSubjectX500Principal() + " but the envelope by " + outerSigner.getSubjectX500Principal());
        }
        Optional<BidBinding> binding;
        try {
            binding = binding(signed.information);
        } catch (RuntimeException e) {
            throw new SealException(SealFailure.INNER_SIGNATURE_INVALID, "The bid's binding attributes are not text", e);
        }
        return new OpenedBid(null, HexFormat.of().formatHex(packageSha256), size, signed.signer,
                signed.certificates, EnvelopeInspector.signingTime(signed.information), binding);
    }

    /** The caller's output, remembering a failure to write: that is the caller's fault, never the bid's. */
    private static final class Sink extends java.io.FilterOutputStream {
        private IOException failure;

        Sink(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            try {
                out.write(b, off, len);
            } catch (IOException e) {
                failure = e;
                throw e;
            }
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void flush() throws IOException {
            try {
                out.flush();
            } catch (IOException e) {
                failure = e;
                throw e;
            }
        }

        @Override
        public void close() {
            // the caller closes its own stream
        }

        void rethrowFailure() throws IOException {
            if (failure != null) {
                throw failure;
            }
        }
    }

    /** The envelope's entry for the key, and whether the envelope is authenticated (GCM). */
    record Found(RecipientInformation information, boolean authenticated) {
    }

    private record Recipients(RecipientInformationStore store, boolean authenticated) {
    }

    /** Reads the envelope up to its recipients; the stream then stands at the encrypted content. */
    private static Recipients recipients(InputStream file) throws SealException, IOException {
        try {
            file.mark(64);
            byte[] head = file.readNBytes(32);
            file.reset();
            boolean authenticated = isAuthEnveloped(head);
            return new Recipients(authenticated
                    ? new CMSAuthEnvelopedDataParser(file).getRecipientInfos()
                    : new CMSEnvelopedDataParser(file).getRecipientInfos(), authenticated);
        } catch (CMSException | RuntimeException e) {
            throw new SealException(SealFailure.MALFORMED, "The envelope is not a CMS envelope", e);
        }
    }

    static Found recipientFor(InputStream file, X509Certificate keyCertificate) throws SealException, IOException {
        Recipients found = recipients(file);
        RecipientInformationStore recipients = found.store;
        boolean authenticated = found.authenticated;
        RecipientId id = "EC".equals(keyCertificate.getPublicKey().getAlgorithm())
                && !Sm2KeyTransport.isSm2(keyCertificate.getPublicKey())
                ? new JceKeyAgreeRecipientId(keyCertificate)
                : new JceKeyTransRecipientId(keyCertificate);
        Collection<RecipientInformation> matches = recipients.getRecipients(id);
        if (matches.isEmpty()) {
            throw new SealException(SealFailure.NOT_A_RECIPIENT, "The envelope is not encrypted to "
                    + keyCertificate.getSubjectX500Principal());
        }
        return new Found(matches.iterator().next(), authenticated);
    }

    /** Whether the ContentInfo starting with {@code head} is an AuthEnvelopedData (RFC 5083). */
    private static boolean isAuthEnveloped(byte[] head) throws IOException {
        byte[] oid = CMSObjectIdentifiers.authEnvelopedData.getEncoded(org.bouncycastle.asn1.ASN1Encoding.DER);
        outer:
        for (int i = 0; i + oid.length <= head.length; i++) {
            for (int j = 0; j < oid.length; j++) {
                if (head[i + j] != oid[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private record Signed(X509Certificate signer, List<X509Certificate> certificates, SignerInformation information) {
    }

    private static Signed verifyInner(CMSSignedDataParser inner) throws SealException {
        try {
            List<SignerInformation> signers = new ArrayList<>(inner.getSignerInfos().getSigners());
            if (signers.size() != 1) {
                throw new SealException(SealFailure.INNER_SIGNATURE_INVALID, "The bid must have exactly one signer");
            }
            SignerInformation signer = signers.get(0);
            if (!Digests.allowed(signer, inner.getCertificates().getMatches(signer.getSID()))) {
                throw new SealException(SealFailure.INNER_SIGNATURE_INVALID, "The bid must be signed with SHA-256"
                        + " (or SM3 with an SM2 key)");
            }
            Optional<String> refused = Algorithms.refusedSignature(signer);
            if (refused.isPresent()) {
                throw new SealException(SealFailure.INNER_SIGNATURE_INVALID, "The bid's signature: " + refused.get());
            }
            @SuppressWarnings("unchecked")
            Collection<X509CertificateHolder> matches = inner.getCertificates().getMatches(signer.getSID());
            if (matches.isEmpty()) {
                throw new SealException(SealFailure.INNER_SIGNATURE_INVALID, "The bid's signature does not carry its certificate");
            }
            X509Certificate certificate = Certificates.toX509(matches.iterator().next());
            if (!signer.verify(Algorithms.verifier(certificate, signer))) {
                throw new SealException(SealFailure.INNER_SIGNATURE_INVALID, "The bid's signature does not verify");
            }
            List<X509Certificate> certificates = new ArrayList<>();
            for (Object holder : inner.getCertificates().getMatches(null)) {
                certificates.add(Certificates.toX509((X509CertificateHolder) holder));
            }
            return new Signed(certificate, certificates, signer);
        } catch (CMSException | OperatorCreationException | CertificateException | RuntimeException e) {
            throw new SealException(SealFailure.INNER_SIGNATURE_INVALID, "The bid's signature can not be verified"
                    + " with its certificate", e);
        }
    }

    private static Optional<BidBinding> binding(SignerInformation signer) {
        AttributeTable attributes = signer.getSignedAttributes();
        if (attributes == null || attributes.get(BidBinding.TENDER_ID) == null) {
            return Optional.empty();
        }
        return Optional.of(new BidBinding(text(attributes, BidBinding.TENDER_ID), text(attributes, BidBinding.LOT),
                text(attributes, BidBinding.BIDDER_CODE)));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    private static String text(AttributeTable attributes, ASN1ObjectIdentifier type) {
        Attribute attribute = attributes.get(type);
        return attribute == null ? null : ((ASN1String) attribute.getAttrValues().getObjectAt(0)).getString();
    }

}
