package org.tenderhall.kernel;

import java.util.Optional;

/**
 * The unified social credit code rule (统一社会信用代码, GB 32100-2015): 18 characters from a 31-character
 * alphabet (digits and capitals without I, O, Z, S, V); the last is a check character computed from the
 * first 17 with weights 3^i mod 31.
 */
public final class CreditCode {

    static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int LENGTH = 18;

    private CreditCode() {
    }

    /** What is wrong with {@code code}, or empty when it is a valid credit code. */
    public static Optional<String> problem(String code) {
        if (code == null || code.length() != LENGTH) {
            return Optional.of("must be 18 characters");
        }
        for (int i = 0; i < LENGTH; i++) {
            if (ALPHABET.indexOf(code.charAt(i)) < 0) {
                return Optional.of("character " + (i + 1) + " ('" + code.charAt(i)
                        + "') is not allowed: digits and capitals except I, O, Z, S, V");
            }
        }
        char expected = checkCharacter(code.substring(0, LENGTH - 1));
        if (code.charAt(LENGTH - 1) != expected) {
            return Optional.of("check character is '" + code.charAt(LENGTH - 1) + "', expected '" + expected + "'");
        }
        return Optional.empty();
    }

    public static boolean isValid(String code) {
        return problem(code).isEmpty();
    }

    /** The check character for the first 17 characters of a code. */
    public static char checkCharacter(String first17) {
        if (first17.length() != LENGTH - 1) {
            throw new IllegalArgumentException("need the first 17 characters, got " + first17.length());
        }
        int sum = 0;
        int weight = 1;
        for (int i = 0; i < LENGTH - 1; i++) {
            int value = ALPHABET.indexOf(first17.charAt(i));
            if (value < 0) {
                throw new IllegalArgumentException("character " + (i + 1) + " is not in the credit code alphabet");
            }
            sum += value * weight;
            weight = weight * 3 % 31;
        }
        return ALPHABET.charAt((31 - sum % 31) % 31);
    }
}
