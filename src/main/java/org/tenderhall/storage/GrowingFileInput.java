package org.tenderhall.storage;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Reads a file while another thread still appends to it: never past the length the writer has reported with
 * {@link #wrote}, waiting for more until the file reaches its declared end. Pieces the writer hands over from memory
 * are read from there, and given back as soon as they are read; the rest is read from the file. Reading stops for
 * good when no byte comes for the idle time, or when {@link #stop} is called; every read then throws
 * {@link Stopped}.
 */
public final class GrowingFileInput extends InputStream implements AppendListener {

    /** The reading ended before the file did. */
    public static final class Stopped extends IOException {
        Stopped(String message) {
            super(message);
        }
    }

    /**
     * A piece that starts further ahead of the reader than this goes back at once, and the reader reads its bytes from
     * the file when it gets there: the writer waits for pieces to come back, never for a reader far behind (one that
     * began after a resume by reading what the file held already, say).
     */
    static final long AHEAD = 64L << 20;

    private final Path file;
    private final long end;
    private final Duration idle;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition grown = lock.newCondition();
    private long written; // guarded by lock
    private String stopped; // guarded by lock: why reading stopped, or null
    private boolean closed; // guarded by lock: the reader is done
    private final ArrayDeque<Piece> pieces = new ArrayDeque<>(); // guarded by lock: handed over, not yet read
    private FileChannel channel;
    private volatile long position; // moved by the reading thread only

    /**
     * @param written the bytes the file holds now, all of them readable
     * @param end     the file's declared length: reading ends there
     * @param idle    how long to wait for the writer before giving up
     */
    public GrowingFileInput(Path file, long written, long end, Duration idle) {
        this.file = file;
        this.written = written;
        this.end = end;
        this.idle = idle;
    }

    /** Bytes of the file from {@code offset}, in memory until the reader has read them. */
    private record Piece(long offset, ByteBuffer bytes, Runnable done) {
        long end() {
            return offset + bytes.remaining();
        }
    }

    /** The writer's report: the file now holds {@code length} bytes, all written (not necessarily synced). */
    @Override
    public void wrote(long length) {
        lock.lock();
        try {
            if (length > written) {
                written = length;
                grown.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /** As {@link #wrote(long)}, the last bytes written handed over: they are read from {@code piece}. */
    @Override
    public void wrote(long length, ByteBuffer piece, Runnable done) {
        lock.lock();
        try {
            long start = length - piece.remaining();
            if (stopped != null || closed || start < position || start - position > AHEAD) {
                done.run(); // nobody will read it, the bytes were read already, or the reader is far behind
            } else {
                pieces.add(new Piece(start, piece, done));
            }
            if (length > written) {
                written = length;
                grown.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /** The length last reported by the writer. */
    public long written() {
        lock.lock();
        try {
            return written;
        } finally {
            lock.unlock();
        }
    }

    /** Whether every byte up to the declared end was read, and the reading never stopped. */
    public boolean readToTheEnd() {
        lock.lock();
        try {
            return stopped == null && position == end;
        } finally {
            lock.unlock();
        }
    }

    /** Whether the reading stopped (told to, or left idle) before the end. */
    public boolean stopped() {
        lock.lock();
        try {
            return stopped != null;
        } finally {
            lock.unlock();
        }
    }

    /** Ends the reading: a read waiting for bytes, and every later read, throws {@link Stopped}. */
    public void stop() {
        lock.lock();
        try {
            if (stopped == null) {
                stopped = "stopped";
            }
            giveBackPieces();
            grown.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void giveBackPieces() {
        for (Piece piece = pieces.poll(); piece != null; piece = pieces.poll()) {
            piece.done().run();
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (position >= end) {
            return -1;
        }
        long readable;
        lock.lock();
        try {
            readable = awaitBytes();
            Piece piece = pieces.peek();
            if (piece != null && piece.offset() <= position) {
                int n = (int) Math.min(length, Math.min(readable, piece.end() - position));
                piece.bytes().get((int) (position - piece.offset()), buffer, offset, n);
                position += n;
                if (position >= piece.end()) {
                    pieces.poll().done().run();
                }
                return n;
            }
            if (piece != null) { // bytes before the next piece (written before it, or given back): in the file only
                readable = Math.min(readable, piece.offset() - position);
            }
        } finally {
            lock.unlock();
        }
        if (channel == null) {
            channel = FileChannel.open(file, StandardOpenOption.READ);
        }
        int read = channel.read(ByteBuffer.wrap(buffer, offset, (int) Math.min(length, readable)), position);
        if (read < 0) {
            throw new EOFException(file + " ends at " + position + " though its writer reported more");
        }
        position += read;
        return read;
    }

    /** Waits until bytes past the position are written: how many may be read. */
    private long awaitBytes() throws IOException {
        lock.lock();
        try {
            long waited = 0;
            long patience = idle.toNanos();
            while (stopped == null && written <= position) {
                if (waited >= patience) {
                    stopped = "no byte came for " + idle;
                    break;
                }
                long start = System.nanoTime();
                grown.await(patience - waited, TimeUnit.NANOSECONDS);
                waited += System.nanoTime() - start;
            }
            if (stopped != null) {
                giveBackPieces();
                throw new Stopped("Reading " + file + " stopped at byte " + position + ": " + stopped);
            }
            return Math.min(written, end) - position;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped = "interrupted";
            throw new Stopped("Reading " + file + " was interrupted at byte " + position);
        } finally {
            lock.unlock();
        }
    }

    /** The reader is done: pieces handed over and not read, and pieces handed over from now on, go back at once. */
    @Override
    public void close() throws IOException {
        lock.lock();
        try {
            closed = true;
            giveBackPieces();
        } finally {
            lock.unlock();
        }
        if (channel != null) {
            channel.close();
        }
    }
}
