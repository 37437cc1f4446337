package org.tenderhall.openingkey.domain;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.HexFormat;

/**
 * What a custodian holds of a tender's opening key under dual control, as JSON: which tender and opening
 * certificate it belongs to, its index among the shares, k and n, and the share itself (hex). It travels encrypted
 * to the custodian's certificate, and back encrypted to the opening's transport certificate.
 */
public record ShareDocument(String kind, String tenderId, int index, int threshold, int custodians,
        String openingCertificateSha256, String share) {

    public static final String KIND = "tenderhall-opening-key-share";
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public static ShareDocument of(String tenderId, KeyShares.Share share, int threshold, int custodians,
            String openingCertificateSha256) {
        return new ShareDocument(KIND, tenderId, share.index(), threshold, custodians, openingCertificateSha256,
                HexFormat.of().formatHex(share.value()));
    }

    public byte[] bytes() {
        try {
            return JSON.writeValueAsBytes(this);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @throws IllegalArgumentException when the bytes are not a share document */
    public static ShareDocument parse(byte[] bytes) {
        try {
            ShareDocument document = JSON.readValue(bytes, ShareDocument.class);
            if (!KIND.equals(document.kind()) || document.tenderId() == null || document.share() == null) {
                throw new IllegalArgumentException("not a share of an opening key");
            }
            HexFormat.of().parseHex(document.share());
            return document;
        } catch (IOException e) {
            throw new IllegalArgumentException("not a share of an opening key: not its JSON", e);
        }
    }

    public KeyShares.Share keyShare() {
        return new KeyShares.Share(index, HexFormat.of().parseHex(share));
    }
}
