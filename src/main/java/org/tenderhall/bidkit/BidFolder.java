package org.tenderhall.bidkit;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A folder of bid documents packaged as the bid package: a ZIP with {@code manifest.json} first, then every
 * file in path order, with fixed times, so the same folder always gives the same package.
 */
final class BidFolder {

    private static final FileTime FIXED = FileTime.fromMillis(0);

    private BidFolder() {
    }

    static void zip(Path folder, OutputStream out) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(folder)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(f -> !folder.relativize(f).toString().equals(Manifest.FILE))
                    .sorted()
                    .toList();
        }
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            add(zip, folder, folder.resolve(Manifest.FILE));
            for (Path file : files) {
                add(zip, folder, file);
            }
        }
    }

    private static void add(ZipOutputStream zip, Path folder, Path file) throws IOException {
        ZipEntry entry = new ZipEntry(folder.relativize(file).toString().replace('\\', '/'));
        entry.setLastModifiedTime(FIXED);
        zip.putNextEntry(entry);
        Files.copy(file, zip);
        zip.closeEntry();
    }
}
