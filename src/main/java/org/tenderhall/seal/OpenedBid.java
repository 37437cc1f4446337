package org.tenderhall.seal;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A bid that opened cleanly: its package (a file the caller now owns; null when it was opened into the caller's
 * stream), who signed it (with the certificates the
 * signature carries), the signing time they claim, and the binding attributes when the sealer wrote them.
 */
public record OpenedBid(Path bidPackage, String packageSha256, long packageSize, X509Certificate signer,
        List<X509Certificate> certificates, Optional<Instant> claimedSigningTime, Optional<BidBinding> binding) {
}
