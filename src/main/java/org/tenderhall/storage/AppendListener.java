package org.tenderhall.storage;

import java.nio.ByteBuffer;

/** Told of an upload's bytes as they reach its file (see {@link BlobStore#append}). */
@FunctionalInterface
public interface AppendListener {

    /** The file holds {@code length} bytes now, all written (not necessarily synced). */
    void wrote(long length);

    /**
     * As {@link #wrote(long)}, with the last bytes written still in memory, so that a reader need not read them back
     * from the file: {@code piece} holds the bytes from {@code length - piece.remaining()} to {@code length}. The
     * listener may read them until it calls {@code done}, and must call it once, soon: the writer waits for its
     * pieces to come back.
     */
    default void wrote(long length, ByteBuffer piece, Runnable done) {
        try {
            wrote(length);
        } finally {
            done.run();
        }
    }
}
