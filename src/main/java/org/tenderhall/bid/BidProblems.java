package org.tenderhall.bid;

import java.util.Map;
import java.util.UUID;
import org.tenderhall.platform.problem.ProblemType;
import org.tenderhall.platform.problem.Rejection;
import org.tenderhall.seal.SealFailure;

/** The problem types of bid submission. The certificate checks answer with the trust list's own types. */
public final class BidProblems {

    public static final ProblemType UPLOAD_IN_PROGRESS =
            new ProblemType("upload-in-progress", "Another upload of yours is under way for this tender", 409);
    public static final ProblemType UPLOAD_BUSY =
            new ProblemType("upload-busy", "This upload is receiving bytes in another request", 409);
    public static final ProblemType OFFSET_MISMATCH =
            new ProblemType("upload-offset-mismatch", "Upload-Offset is not where the upload stands", 409);
    public static final ProblemType UPLOAD_INCOMPLETE =
            new ProblemType("upload-incomplete", "Not all the declared bytes have arrived", 409);
    public static final ProblemType UPLOAD_CLOSED =
            new ProblemType("upload-closed", "The upload is already committed, rejected or abandoned", 409);
    public static final ProblemType LONGER_THAN_DECLARED =
            new ProblemType("longer-than-declared", "More bytes than the upload declared", 413);
    public static final ProblemType TOO_LARGE =
            new ProblemType("bid-too-large", "The bid is over the size limit", 413);
    public static final ProblemType EMPTY = new ProblemType("empty-bid", "The bid is empty", 422);
    public static final ProblemType LATE = new ProblemType("bid-late", "The bid deadline has passed", 409);
    public static final ProblemType BIDDING_NOT_OPEN =
            new ProblemType("bidding-not-open", "The tender does not take bids", 409);
    public static final ProblemType NOT_FOR_THE_OPENING =
            new ProblemType("not-encrypted-to-opening-certificate", "The bid would not open at the opening", 422);
    public static final ProblemType NOT_FOR_THE_BIDDER =
            new ProblemType("not-encrypted-to-bidder", "The bid is not encrypted to the bidder's own certificate", 422);
    public static final ProblemType BID_CLOSED =
            new ProblemType("bid-not-valid", "The bid is superseded or withdrawn already", 409);
    /** The bid is committed; its receipt's signature or timestamp is still to come (a TSA out of reach, a crash). */
    public static final ProblemType RECEIPT_PENDING =
            new ProblemType("receipt-pending", "The receipt is not signed and stamped yet", 503);

    public static final ProblemType MALFORMED =
            new ProblemType(SealFailure.MALFORMED.slug(), "Not a sealed bid in the Tenderhall envelope format", 422);
    public static final ProblemType TRUNCATED =
            new ProblemType(SealFailure.TRUNCATED.slug(), "The sealed bid is cut short", 422);
    public static final ProblemType TAMPERED =
            new ProblemType(SealFailure.TAMPERED.slug(), "The signature is over other bytes than these", 422);
    public static final ProblemType OUTER_SIGNATURE_INVALID =
            new ProblemType(SealFailure.OUTER_SIGNATURE_INVALID.slug(), "The outer signature does not verify", 422);

    private BidProblems() {
    }

    /** A receipt written but not yet signed and stamped: the client asks again after {@code Retry-After}. */
    public static final class ReceiptPending extends Rejection {
        private final UUID receipt;

        ReceiptPending(UUID receipt, String detail) {
            super(RECEIPT_PENDING, detail);
            this.receipt = receipt;
        }

        public UUID receipt() {
            return receipt;
        }

        @Override
        public Map<String, String> headers() {
            return Map.of("Retry-After", "30", "Location", "/api/receipts/" + receipt);
        }
    }

    /** The problem of an envelope the inspection refused; only the failures inspection can raise. */
    public static ProblemType of(SealFailure failure) {
        return switch (failure) {
            case TRUNCATED -> TRUNCATED;
            case TAMPERED -> TAMPERED;
            case OUTER_SIGNATURE_INVALID -> OUTER_SIGNATURE_INVALID;
            default -> MALFORMED;
        };
    }
}
