package org.tenderhall.seal;

import java.nio.file.Path;

/**
 * What sealing a bid writes: the envelope file and its detached outer signature file, with the envelope's SHA-256
 * and size. (The bid the platform receives and keeps is the entity {@code org.tenderhall.bid.store.SealedBid}.)
 */
public record SealedBidFiles(Path envelope, Path signature, String envelopeSha256, long envelopeSize) {
}
