package org.tenderhall.opening;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import org.tenderhall.seal.OpenedBid;
import org.tenderhall.seal.SealException;

/** What opens one bid: the opening key (scheduled custody, dual control), or the bidder's own content key. */
@FunctionalInterface
interface BidKey {

    OpenedBid open(Path envelope, X509Certificate signer, String envelopeSha256, OutputStream out)
            throws SealException, IOException;
}
