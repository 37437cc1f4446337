package org.tenderhall.seal;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * CMS written as text instead of DER: what {@code openssl cms} writes with {@code -outform PEM}, with
 * {@code -outform SMIME} (the default of {@code -sign} and {@code -encrypt}), or what a base64 tool makes of DER.
 * Told from the first bytes alone, so that a refusal can say what to send instead. DER CMS always begins with a
 * SEQUENCE (0x30) of a length of 128 bytes or more (0x80 to 0x84), never with a printable letter.
 */
public enum TextForm {
    PEM("PEM"),
    SMIME("S/MIME"),
    BASE64("Base64");

    /** How many first bytes {@link #of} looks at. */
    static final int HEAD = 64;

    private final String name;

    TextForm(String name) {
        this.name = name;
    }

    /** How bidders know the form: "PEM", "S/MIME", "Base64". */
    public String named() {
        return name;
    }

    /** The text form that {@code head}, the first bytes of a file, begins with; empty for anything else. */
    public static Optional<TextForm> of(byte[] head) {
        String text = new String(head, 0, Math.min(head.length, HEAD), StandardCharsets.ISO_8859_1).stripLeading();
        if (text.startsWith("-----BEGIN ")) {
            return Optional.of(PEM);
        }
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        if (lower.startsWith("mime-version:") || lower.startsWith("content-type:")) {
            return Optional.of(SMIME);
        }
        // The base64 of a long SEQUENCE begins "MI"; what follows is the base64 alphabet, split into lines.
        if (text.startsWith("MI") && text.chars().allMatch(c -> Character.isLetterOrDigit(c) && c < 128 || c == '+'
                || c == '/' || c == '=' || c == '\r' || c == '\n')) {
            return Optional.of(BASE64);
        }
        return Optional.empty();
    }

    /**
     * A detached signature's DER: PEM and Base64 text decoded, DER as it is. The signature's own bytes are not
     * what it signs, so nothing is lost by decoding them; S/MIME (a MIME message around the signature) is refused.
     *
     * @throws SealException {@link SealFailure#MALFORMED}, saying what to send instead
     */
    public static byte[] signatureDer(byte[] signature) throws SealException {
        Optional<TextForm> form = of(signature);
        if (form.isEmpty()) {
            return signature;
        }
        String text = new String(signature, StandardCharsets.ISO_8859_1).strip();
        if (form.get() == PEM) {
            int body = text.indexOf('\n');
            int end = text.indexOf("-----END ");
            if (body < 0 || end < body) {
                throw new SealException(SealFailure.MALFORMED, "The outer signature is PEM without its END line:"
                        + " send the whole file, or its DER bytes (`-outform DER`)");
            }
            text = text.substring(body + 1, end);
        } else if (form.get() == SMIME) {
            throw new SealException(SealFailure.MALFORMED, "The outer signature is S/MIME: write it with"
                    + " `openssl cms -sign -binary ... -outform DER` and send those bytes");
        }
        try {
            return Base64.getMimeDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new SealException(SealFailure.MALFORMED, "The outer signature is " + form.get().named()
                    + " text that does not decode: send its DER bytes (`-outform DER`)");
        }
    }
}
