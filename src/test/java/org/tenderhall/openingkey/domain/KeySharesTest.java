package org.tenderhall.openingkey.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeySharesTest {

    private static byte[] secret() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        return secret;
    }

    @Test
    void any_k_of_n_shares_give_the_secret_back() {
        byte[] secret = secret();
        List<KeyShares.Share> shares = KeyShares.split(secret, 2, 3);
        assertThat(shares).extracting(KeyShares.Share::index).containsExactly(1, 2, 3);
        assertThat(KeyShares.combine(List.of(shares.get(0), shares.get(1)), 2)).isEqualTo(secret);
        assertThat(KeyShares.combine(List.of(shares.get(2), shares.get(0)), 2)).isEqualTo(secret);
        assertThat(KeyShares.combine(List.of(shares.get(1), shares.get(2)), 2)).isEqualTo(secret);
    }

    @Test
    void fewer_than_k_shares_are_refused_and_a_wrong_share_gives_a_wrong_secret() {
        byte[] secret = secret();
        List<KeyShares.Share> shares = KeyShares.split(secret, 3, 5);
        assertThatThrownBy(() -> KeyShares.combine(shares.subList(0, 2), 3)).isInstanceOf(IllegalArgumentException.class);
        byte[] damaged = shares.get(1).value().clone();
        damaged[0] ^= 1;
        assertThat(KeyShares.combine(List.of(shares.get(0), new KeyShares.Share(2, damaged), shares.get(2)), 3))
                .isNotEqualTo(secret);
    }

    @Test
    void a_threshold_must_be_at_least_two_and_at_most_the_custodians() {
        assertThatThrownBy(() -> KeyShares.split(secret(), 1, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KeyShares.split(secret(), 4, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KeyShares.split(secret(), 2, 10)).isInstanceOf(IllegalArgumentException.class);
    }
}
