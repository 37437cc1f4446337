package org.tenderhall.opening.domain;

/** What became of a valid bid at the opening: one line of the opening record each. */
public enum Outcome {
    /** Decrypted, signature verified, declared figures read out (唱标). */
    OPENED,
    /** Could not be opened through the bidder's fault (撤销): the bid does not count. */
    REVOKED,
    /** Could not be opened through the platform's or anyone else's fault (撤回): the reason is recorded and the
     *  bidder may claim its losses. */
    WITHDRAWN
}
