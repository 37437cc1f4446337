/**
 * The sealed-bid envelope (docs/bid-envelope.md): standard CMS that OpenSSL reads and writes too. A bid package
 * is signed by the bidder (inner SignedData), encrypted to the tender's opening certificate and the bidder's own
 * (EnvelopedData), and the envelope bytes are signed again, detached (outer signature), so that the platform can
 * check who submitted what without being able to read it. Plain Java and Bouncy Castle: no framework.
 */
package org.tenderhall.seal;
