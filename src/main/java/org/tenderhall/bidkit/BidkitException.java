package org.tenderhall.bidkit;

/** A problem the user can act on, printed as one clear line without a stack trace. */
class BidkitException extends Exception {

    BidkitException(String message) {
        super(message);
    }

    BidkitException(String message, Throwable cause) {
        super(message, cause);
    }
}
