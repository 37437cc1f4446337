/**
 * {@code bidkit}, the bidders' command-line tool ({@code target/bidkit.jar}): package, sign and encrypt a bid,
 * check it as the platform will, open one's own bid, submit it and check the receipt, and at an opening hand in a
 * custodian's key share or a bidder's content key. It uses only {@code seal} and {@code pki.domain}; the bidder's
 * private key never leaves the bidder's machine.
 */
package org.tenderhall.bidkit;
