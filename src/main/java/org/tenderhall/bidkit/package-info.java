/**
 * {@code bidkit}, the bidders' command-line tool ({@code target/bidkit.jar}): package, sign and encrypt a bid,
 * check it as the platform will, and open one's own bid. It uses only {@code seal} and {@code pki.domain}; the
 * bidder's private key never leaves the bidder's machine.
 */
package org.tenderhall.bidkit;
