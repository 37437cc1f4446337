package org.tenderhall.seal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Small bid packages for tests: a ZIP with manifest.json and a document. */
final class BidPackages {

    private BidPackages() {
    }

    static Path write(Path dir, String bidderCode, long filler) throws IOException {
        Path zip = dir.resolve("package.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new ZipEntry("manifest.json"));
            out.write(("{\"tenderId\":\"T-2026-0001\",\"lot\":\"1\",\"bidder\":\"" + bidderCode
                    + "\",\"price\":\"12345678.90\",\"currency\":\"CNY\",\"durationDays\":365}")
                    .getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
            out.putNextEntry(new ZipEntry("技术标/施工组织设计.txt"));
            out.write("施工组织设计 Construction plan\n".getBytes(StandardCharsets.UTF_8));
            byte[] block = new byte[8192];
            for (long written = 0; written < filler; written += block.length) {
                block[(int) (written / block.length % block.length)]++;
                out.write(block);
            }
            out.closeEntry();
        }
        return zip;
    }

    static void copy(Path from, OutputStream to) throws IOException {
        Files.copy(from, to);
    }
}
