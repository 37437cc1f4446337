package org.tenderhall.bidkit;

import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** A sealed bid on disk: the envelope and its outer signature, which must both exist. */
class EnvelopeOptions {

    @Option(names = "--envelope", required = true, description = "the sealed bid (bid.cms)")
    Path envelope;

    @Option(names = "--signature", description = "its outer signature (default: the envelope's name + .p7s)")
    Path signature;

    Path envelope() throws BidkitException {
        return existing(envelope);
    }

    byte[] signature() throws BidkitException {
        Path file = existing(signature != null ? signature : Path.of(envelope + ".p7s"));
        try {
            return Files.readAllBytes(file);
        } catch (java.io.IOException e) {
            throw new BidkitException("Cannot read " + file + ": " + e.getMessage());
        }
    }

    static Path existing(Path file) throws BidkitException {
        if (!Files.isRegularFile(file)) {
            throw new BidkitException("No such file: " + file);
        }
        return file;
    }
}
