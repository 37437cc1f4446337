package org.tenderhall.bidkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** How bidkit signs in to the platform: an account and its password, or a bearer token (Keycloak). */
class PlatformLogin {

    static class Credentials {
        @Option(names = "--user", required = true, description = "your platform account; the password comes from"
                + " BIDKIT_PLATFORM_PASSWORD or --platform-password-file")
        String user;

        @Option(names = "--token-file", required = true, paramLabel = "FILE",
                description = "a file holding a bearer token (Keycloak sign-in)")
        Path tokenFile;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Credentials credentials;

    @Option(names = "--platform-password-file", paramLabel = "FILE", description = "file whose first line is the password")
    Path passwordFile;

    /** The {@code Authorization} header value. */
    String authorization() throws IOException, BidkitException {
        if (credentials.tokenFile != null) {
            return "Bearer " + Files.readString(credentials.tokenFile).strip();
        }
        String password = System.getenv("BIDKIT_PLATFORM_PASSWORD");
        if (passwordFile != null) {
            password = Files.readAllLines(passwordFile).stream().findFirst().orElse("");
        }
        if (password == null) {
            throw new BidkitException("Give your platform password in BIDKIT_PLATFORM_PASSWORD or"
                    + " --platform-password-file");
        }
        return PlatformClient.basic(credentials.user, password);
    }
}
