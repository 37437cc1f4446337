package org.tenderhall.platform.database;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.Optional;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The embedded server's superuser password: made on the first start (32 random bytes), kept in the data directory in
 * {@value #FILE} (mode 0600, like the rest of the directory), set for the superuser, and asked of every connection,
 * local or over TCP ({@code pg_hba.conf} with {@code scram-sha-256}). zonky's {@code initdb} trusts every local
 * connection; a data directory made so by an older version gets its password on its next start.
 */
final class SuperuserPassword {

    static final String FILE = "tenderhall-superuser.password";

    /** Every connection, over the Unix socket or TCP, signs in with a password; replication is not used. */
    static final String HBA = """
            # Written by Tenderhall at every start of its embedded server: every connection gives the superuser's
            # password, which is in tenderhall-superuser.password beside this file.
            local   all   all                  scram-sha-256
            host    all   all   127.0.0.1/32   scram-sha-256
            host    all   all   ::1/128        scram-sha-256
            """;

    private static final SecureRandom RANDOM = new SecureRandom();

    private SuperuserPassword() {
    }

    /** The password kept in {@code dataDirectory}, if any. */
    static Optional<String> read(Path dataDirectory) throws IOException {
        Path file = dataDirectory.resolve(FILE);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        String password = Files.readString(file, StandardCharsets.US_ASCII).trim();
        return password.isEmpty() ? Optional.empty() : Optional.of(password);
    }

    /**
     * Makes the password if {@code known} is null, sets it for the superuser of the server running on {@code port},
     * and makes the server ask it of every new connection. Safe to repeat: a start that stopped half-way is finished
     * by the next.
     *
     * @return the password
     */
    static String secure(Path dataDirectory, int port, String known) throws IOException {
        String password = known != null ? known : create(dataDirectory);
        PGSimpleDataSource server = new PGSimpleDataSource();
        server.setServerNames(new String[] {"localhost"});
        server.setPortNumbers(new int[] {port});
        server.setDatabaseName("postgres");
        server.setUser(EmbeddedDatabase.USER);
        server.setPassword(password); // ignored while the server still trusts local connections
        try (Connection connection = server.getConnection(); Statement sql = connection.createStatement()) {
            // Base64url only: nothing in it needs quoting. Stored as a SCRAM verifier (password_encryption).
            sql.execute("alter role " + EmbeddedDatabase.USER + " password '" + password + "'");
            Path hba = dataDirectory.resolve("pg_hba.conf");
            if (!Files.exists(hba) || !Files.readString(hba, StandardCharsets.UTF_8).equals(HBA)) {
                replace(hba, HBA);
            }
            sql.execute("select pg_reload_conf()");
        } catch (SQLException e) {
            throw new IOException("Could not set the superuser password of the embedded PostgreSQL (is "
                    + dataDirectory.resolve(FILE) + " the one this directory was made with?)", e);
        }
        return password;
    }

    private static String create(Path dataDirectory) throws IOException {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        replace(dataDirectory.resolve(FILE), password + "\n");
        return password;
    }

    /**
     * Writes {@code file} whole or not at all, readable by the owner only: a temporary file, synced, then moved over
     * it.
     */
    private static void replace(Path file, String text) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".new");
        Files.deleteIfExists(temporary);
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(temporary);
        }
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
            channel.write(java.nio.ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
            channel.force(true);
        }
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
