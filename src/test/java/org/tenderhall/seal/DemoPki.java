package org.tenderhall.seal;

import java.nio.file.Path;

/** The demo keys of keys/demo (password "tenderhall-demo"), for tests. */
public final class DemoPki {

    public static final Path DIR = Path.of("keys/demo");
    public static final char[] PASSWORD = "tenderhall-demo".toCharArray();

    private DemoPki() {
    }

    public static Path p12(String name) {
        return name.startsWith("opening") || name.equals("tsa") || name.equals("document-signing")
                ? DIR.resolve("platform/" + name + ".p12")
                : DIR.resolve("bidders/" + name + ".p12");
    }

    public static Path certificate(String name) {
        return Path.of(p12(name).toString().replace(".p12", ".crt"));
    }

    public static Signer load(String name) {
        try {
            return Signer.fromPkcs12(p12(name), PASSWORD);
        } catch (Exception e) {
            throw new IllegalStateException("demo key " + name, e);
        }
    }
}
