/**
 * Sealed-bid submission: resumable uploads, the checks at commit, signed and timestamped receipts, withdrawal and
 * replacement before the deadline. A bid stays ciphertext here; only the opening decrypts it.
 */
package org.tenderhall.bid;
