package org.tenderhall.seal;

import java.nio.file.Path;

/** The two files of a sealed bid: the envelope and its detached outer signature, with the envelope's digest. */
public record SealedBid(Path envelope, Path signature, String envelopeSha256, long envelopeSize) {
}
