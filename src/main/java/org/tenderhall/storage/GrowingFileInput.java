package org.tenderhall.storage;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Reads a file while another thread still appends to it: never past the length the writer has reported with
 * {@link #wrote}, waiting for more until the file reaches its declared end. Reading stops for good when no byte
 * comes for the idle time, or when {@link #stop} is called; every read then throws {@link Stopped}.
 */
public final class GrowingFileInput extends InputStream {

    /** The reading ended before the file did. */
    public static final class Stopped extends IOException {
        Stopped(String message) {
            super(message);
        }
    }

    private final Path file;
    private final long end;
    private final Duration idle;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition grown = lock.newCondition();
    private long written; // guarded by lock
    private String stopped; // guarded by lock: why reading stopped, or null
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

    /** The writer's report: the file now holds {@code length} bytes, all written (not necessarily synced). */
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
            grown.signalAll();
        } finally {
            lock.unlock();
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
        long readable = awaitBytes();
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

    @Override
    public void close() throws IOException {
        if (channel != null) {
            channel.close();
        }
    }
}
