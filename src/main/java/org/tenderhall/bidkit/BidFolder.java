package org.tenderhall.bidkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
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
        zip(folder, out, UnaryOperator.identity());
    }

    /** @param reading wraps each file's stream as it is read (bidkit counts the bytes for its progress) */
    static void zip(Path folder, OutputStream out, UnaryOperator<InputStream> reading) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Path file : files(folder)) {
                ZipEntry entry = new ZipEntry(folder.relativize(file).toString().replace('\\', '/'));
                entry.setLastModifiedTime(FIXED);
                zip.putNextEntry(entry);
                try (InputStream in = reading.apply(Files.newInputStream(file))) {
                    in.transferTo(zip);
                }
                zip.closeEntry();
            }
        }
    }

    /** The files of the package in their order: {@code manifest.json}, then every other file in path order. */
    static List<Path> files(Path folder) throws IOException {
        List<Path> files = new ArrayList<>();
        files.add(folder.resolve(Manifest.FILE));
        try (Stream<Path> walk = Files.walk(folder)) {
            walk.filter(Files::isRegularFile)
                    .filter(f -> !folder.relativize(f).toString().equals(Manifest.FILE))
                    .sorted()
                    .forEach(files::add);
        }
        return files;
    }
}
