package org.tenderhall.openingkey.domain;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.crypto.threshold.SecretShare;
import org.bouncycastle.crypto.threshold.ShamirSecretSplitter;
import org.bouncycastle.crypto.threshold.ShamirSplitSecret;
import org.bouncycastle.crypto.threshold.ShamirSplitSecretShare;

/**
 * Shamir's k-of-n secret sharing over GF(2^8) (Bouncy Castle's {@code crypto.threshold}): any {@code k} of the
 * {@code n} shares give the secret back; fewer tell nothing about it. Dual control splits the key that wraps a
 * tender's opening key this way among its custodians.
 */
public final class KeyShares {

    /** One share: its index (1 to n) and its bytes, as long as the secret. */
    public record Share(int index, byte[] value) {
    }

    public static final int MAX_CUSTODIANS = 9;
    private static final SecureRandom RANDOM = new SecureRandom();

    private KeyShares() {
    }

    public static List<Share> split(byte[] secret, int threshold, int custodians) {
        if (threshold < 2 || threshold > custodians || custodians > MAX_CUSTODIANS) {
            throw new IllegalArgumentException("k-of-n needs 2 <= k <= n <= " + MAX_CUSTODIANS + ", not " + threshold
                    + " of " + custodians);
        }
        ShamirSecretSplitter splitter = ShamirSecretSplitter.getInstance(ShamirSecretSplitter.Algorithm.AES,
                secret.length, RANDOM);
        List<Share> shares = new ArrayList<>();
        SecretShare[] split = splitter.resplit(secret.clone(), threshold, custodians).getSecretShares();
        for (int i = 0; i < split.length; i++) {
            try {
                shares.add(new Share(i + 1, split[i].getEncoded()));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return shares;
    }

    /** The secret from {@code k} shares (more are fine: the first {@code k} are used). */
    public static byte[] combine(List<Share> shares, int threshold) {
        if (shares.size() < threshold) {
            throw new IllegalArgumentException(threshold + " shares are needed, not " + shares.size());
        }
        ShamirSplitSecretShare[] chosen = shares.subList(0, threshold).stream()
                .map(s -> new ShamirSplitSecretShare(s.value().clone(), s.index())).toArray(ShamirSplitSecretShare[]::new);
        try {
            return ShamirSplitSecret.getInstance(ShamirSecretSplitter.Algorithm.AES, chosen).getSecret();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
