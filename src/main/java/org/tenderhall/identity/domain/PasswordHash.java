package org.tenderhall.identity.domain;

import java.security.SecureRandom;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/** Bcrypt password hashes in the usual {@code $2y$} modular crypt form. Passwords are never stored otherwise. */
public final class PasswordHash {

    /** About 60 ms per check on a 2-core machine; verified results are cached by the authenticator. */
    public static final int COST = 10;
    public static final int MIN_LENGTH = 8;
    /** bcrypt uses at most the first 72 bytes of a password. */
    public static final int MAX_BYTES = 72;
    private static final SecureRandom RANDOM = new SecureRandom();

    private PasswordHash() {
    }

    public static String hash(String password) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return OpenBSDBCrypt.generate("2y", password.toCharArray(), salt, COST);
    }

    public static boolean matches(String password, String hash) {
        try {
            return OpenBSDBCrypt.checkPassword(hash, password.toCharArray());
        } catch (IllegalArgumentException notABcryptHash) {
            return false;
        }
    }
}
