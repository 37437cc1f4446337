package org.tenderhall.document;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.pdfbox.io.RandomAccessReadBuffer;

/**
 * The TrueType font documents are set in: WenQuanYi Micro Hei, bundled (Apache-2.0, {@code fonts/}), or another
 * TrueType font or collection the operator configures. PDFBox embeds only the glyphs a document uses (a subset);
 * it cannot subset CFF-outline fonts such as Noto CJK, hence TrueType.
 */
public final class DocumentFont {

    private final byte[] data;
    private final String nameInCollection;

    private DocumentFont(byte[] data, String nameInCollection) {
        this.data = data;
        this.nameInCollection = nameInCollection;
    }

    public static DocumentFont bundled() {
        try (InputStream in = DocumentFont.class.getResourceAsStream("/fonts/wqy-microhei.ttc")) {
            if (in == null) {
                throw new IllegalStateException("the bundled font /fonts/wqy-microhei.ttc is missing");
            }
            return new DocumentFont(in.readAllBytes(), "WenQuanYiMicroHei");
        } catch (IOException e) {
            throw new IllegalStateException("the bundled font cannot be read", e);
        }
    }

    /**
     * @param nameInCollection for a {@code .ttc} collection, the PostScript name of the font to use; null for a
     *                         single {@code .ttf}
     */
    public static DocumentFont file(Path file, String nameInCollection) throws IOException {
        DocumentFont font = new DocumentFont(Files.readAllBytes(file), nameInCollection);
        font.open().close();
        return font;
    }

    /** A fresh parse of the font, for one document; the caller closes it. */
    TrueTypeFont open() throws IOException {
        if (nameInCollection == null) {
            return new TTFParser().parse(new RandomAccessReadBuffer(data));
        }
        TrueTypeCollection collection = new TrueTypeCollection(new ByteArrayInputStream(data));
        TrueTypeFont font = collection.getFontByName(nameInCollection);
        if (font == null) {
            collection.close();
            throw new IOException("the font collection has no font named " + nameInCollection);
        }
        return Objects.requireNonNull(font);
    }
}
