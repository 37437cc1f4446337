/**
 * Sealed-bid submission: resumable uploads, the checks at commit, signed and timestamped receipts, withdrawal and
 * replacement before the deadline, and the envelope files kept in step with the committed bids. A bid stays
 * ciphertext here; only the opening decrypts it.
 */
package org.tenderhall.bid;
