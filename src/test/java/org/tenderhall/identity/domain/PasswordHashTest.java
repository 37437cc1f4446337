package org.tenderhall.identity.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordHashTest {

    @Test
    void a_hash_is_bcrypt_with_a_fresh_salt_and_matches_only_its_password() {
        String first = PasswordHash.hash("correct horse");
        String second = PasswordHash.hash("correct horse");
        assertThat(first).startsWith("$2y$" + PasswordHash.COST + "$").isNotEqualTo(second);
        assertThat(PasswordHash.matches("correct horse", first)).isTrue();
        assertThat(PasswordHash.matches("correct horsE", first)).isFalse();
    }

    @Test
    void something_that_is_not_a_hash_matches_nothing() {
        assertThat(PasswordHash.matches("x", "plain text")).isFalse();
    }
}
