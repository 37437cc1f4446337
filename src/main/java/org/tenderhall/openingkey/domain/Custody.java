package org.tenderhall.openingkey.domain;

/** Who may unlock a tender's bids at the opening; chosen per tender at publication. */
public enum Custody {
    /** The platform unwraps the opening key under its key-encryption key, at the opening time and not before. */
    SCHEDULED,
    /** The opening key is split k-of-n among named custodians; k of them hand in their shares at the opening. */
    DUAL_CONTROL,
    /** Each bidder unwraps its own bid's content key with its own key and hands it in at the opening. */
    BIDDER_DECRYPTS
}
