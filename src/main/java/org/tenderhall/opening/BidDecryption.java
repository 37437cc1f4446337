package org.tenderhall.opening;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.tenderhall.bid.BidSubmissions.ValidBid;
import org.tenderhall.opening.domain.DeclaredFigures;
import org.tenderhall.opening.domain.OpeningRules;
import org.tenderhall.opening.domain.Outcome;
import org.tenderhall.opening.store.OpeningLine;
import org.tenderhall.pki.TrustList;
import org.tenderhall.pki.domain.CertificateCheck;
import org.tenderhall.pki.domain.Pem;
import org.tenderhall.platform.problem.Rejection;
import org.tenderhall.seal.BidBinding;
import org.tenderhall.seal.OpenedBid;
import org.tenderhall.seal.SealException;
import org.tenderhall.storage.BlobStore;
import org.tenderhall.template.domain.FieldSpec;
import org.tenderhall.tender.TendersAtOpening.OpeningTerms;

/**
 * Decrypts one bid into one opening line: the package goes into the vault, its declared figures into the line;
 * or the line says why the bid did not open, and whose fault that is. Writes nothing to the database.
 */
@ApplicationScoped
class BidDecryption {

    private static final Logger LOG = Logger.getLogger(BidDecryption.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    PackageVault vault;

    @Inject
    BlobStore store;

    @Inject
    TrustList trustList;

    @Inject
    Clock clock;

    /** Opens the bid with its key into the vault; the line is for {@link OpeningLines} to write. */
    OpeningLine open(OpeningTerms tender, ValidBid bid, BidKey key, List<FieldSpec> fields) throws IOException {
        OpeningLine line = new OpeningLine();
        line.bidId = bid.id();
        line.tenderId = tender.id();
        try (PackageVault.Writing writing = vault.write(bid.id())) {
            HeadCapture head = new HeadCapture(writing.out(), DeclaredFigures.HEAD);
            try {
                X509Certificate signer = Pem.certificates(bid.signerCertificate().getBytes(StandardCharsets.US_ASCII))
                        .get(0);
                OpenedBid opened = key.open(store.path(bid.envelopeSha256()), signer, bid.envelopeSha256(), head);
                String refusal = refusal(tender, bid, opened);
                if (refusal != null) {
                    line.outcome = Outcome.REVOKED;
                    line.reason = refusal;
                } else {
                    DeclaredFigures figures = DeclaredFigures.read(head.bytes(), fields, tender.id().toString(),
                            bid.lot(), bid.organisation());
                    PackageVault.Kept kept = writing.keep();
                    line.outcome = Outcome.OPENED;
                    line.price = figures.price();
                    line.declared = figures.declared().toString();
                    line.problems = JSON.writeValueAsString(figures.problems());
                    line.packageSha256 = opened.packageSha256();
                    line.packageSize = opened.packageSize();
                    line.packageFile = kept.file();
                    line.packageKey = kept.wrappedKey();
                }
            } catch (SealException e) {
                boolean intact = store.intact(bid.envelopeSha256(), bid.size(), true);
                line.outcome = OpeningRules.blame(e.reason(), intact);
                line.reason = (intact ? "" : "The stored envelope is no longer the one received. ") + e.getMessage();
            } catch (IOException e) {
                line.outcome = Outcome.WITHDRAWN;
                // The record is read by bidders: the JDK's text stays in the log.
                LOG.warnf(e, "Bid %s of tender %s could not be read or kept at the opening", bid.id(), tender.id());
                line.reason = "The platform could not read or keep the bid (logged under bid " + bid.id() + ")";
            } catch (CertificateException e) {
                throw new IllegalStateException("bid " + bid.id() + " has an unreadable signer certificate", e);
            }
        }
        line.openedAt = clock.instant();
        return line;
    }

    /** Why an opened bid is not the bid it claims to be (the bidder's fault), or null. */
    private String refusal(OpeningTerms tender, ValidBid bid, OpenedBid opened) {
        Optional<BidBinding> binding = opened.binding();
        if (binding.isPresent() && !(tender.id().toString().equals(binding.get().tenderId())
                && bid.lot().equals(binding.get().lot()) && bid.organisation().equals(binding.get().bidderCode()))) {
            return "The bid inside is signed for tender " + binding.get().tenderId() + ", lot " + binding.get().lot()
                    + ", bidder " + binding.get().bidderCode();
        }
        try {
            trustList.check(opened.signer(), opened.certificates(), bid.receivedAt(), bid.organisation(),
                    CertificateCheck.Purpose.SIGNING);
        } catch (Rejection e) {
            return "The bid's signer was not trusted at the receipt time " + bid.receivedAt() + ": " + e.getMessage();
        }
        return null;
    }

    /** Passes the package on, keeping its first bytes: the manifest is read from them. */
    private static final class HeadCapture extends FilterOutputStream {
        private final byte[] head;
        private int length;

        HeadCapture(OutputStream out, int size) {
            super(out);
            head = new byte[size];
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            int kept = Math.min(len, head.length - length);
            if (kept > 0) {
                System.arraycopy(b, off, head, length, kept);
                length += kept;
            }
            out.write(b, off, len);
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        byte[] bytes() {
            return Arrays.copyOf(head, length);
        }
    }
}
