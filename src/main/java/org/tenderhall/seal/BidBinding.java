package org.tenderhall.seal;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;

/**
 * What a bid is for: tender, lot and the bidding organisation's credit code. Sealed into the inner signature as
 * signed attributes, so a signed bid cannot be replayed into another tender or lot or by another organisation.
 * (The package's {@code manifest.json} says the same; a bid sealed with plain OpenSSL has only the manifest.)
 */
public record BidBinding(String tenderId, String lot, String bidderCode) {

    /** A UUID-based arc (ITU-T X.667, {@code 2.25.<uuid>}) of Tenderhall's own, needing no registration. */
    static final ASN1ObjectIdentifier ARC = new ASN1ObjectIdentifier("2.25.148410470237302513389926089466716612801");
    static final ASN1ObjectIdentifier TENDER_ID = ARC.branch("1");
    static final ASN1ObjectIdentifier LOT = ARC.branch("2");
    static final ASN1ObjectIdentifier BIDDER_CODE = ARC.branch("3");
    /** In the outer signature: the envelope's length in bytes, which tells a cut file from a changed one. */
    static final ASN1ObjectIdentifier ENVELOPE_SIZE = ARC.branch("4");
}
