package org.tenderhall.seal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Reads a stream on a thread of its own, a few chunks ahead of the reader: the envelope is decrypted on one
 * core while the other verifies and writes the plaintext. Memory stays bounded (at most {@code chunks} chunks
 * waiting); a failure of the source (a GCM tag, a cut stream) reaches the reader at the point it happened.
 */
final class ReadAhead extends InputStream {

    private static final int CHUNK = 1 << 20;
    private static final Chunk END = new Chunk(new byte[0], -1, null);

    private record Chunk(byte[] data, int length, IOException failure) {
    }

    private final BlockingQueue<Chunk> queue = new ArrayBlockingQueue<>(4);
    private volatile boolean closed;
    private Chunk current = new Chunk(new byte[0], 0, null);
    private int position;

    ReadAhead(InputStream source, String name) {
        Thread producer = new Thread(() -> produce(source), name);
        producer.setDaemon(true);
        producer.start();
    }

    private void produce(InputStream source) {
        try {
            while (!closed) {
                byte[] data = new byte[CHUNK];
                int length = source.readNBytes(data, 0, CHUNK);
                if (length > 0) {
                    put(new Chunk(data, length, null));
                }
                if (length < CHUNK) {
                    put(END);
                    return;
                }
            }
        } catch (IOException e) {
            put(new Chunk(null, 0, e));
        } catch (Throwable e) { // an Error too: the reader must never wait for an END that will not come
            put(new Chunk(null, 0, new IOException("decryption failed: " + e, e)));
        }
    }

    private void put(Chunk chunk) {
        try {
            while (!closed && !queue.offer(chunk, 100, TimeUnit.MILLISECONDS)) {
                // the reader is busy; wait, unless it has gone
            }
        } catch (InterruptedException e) {
            closed = true; // stop producing; the reader is told below if it still waits
            queue.clear();
            queue.offer(new Chunk(null, 0, new java.io.InterruptedIOException("decryption interrupted")));
        }
    }

    private boolean advance() throws IOException {
        while (position >= current.length) {
            if (current == END) {
                return false;
            }
            try {
                current = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while decrypting");
            }
            position = 0;
            if (current.failure != null) {
                IOException failure = current.failure;
                current = END;
                throw failure;
            }
        }
        return true;
    }

    @Override
    public int read() throws IOException {
        return advance() ? current.data[position++] & 0xff : -1;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (!advance()) {
            return -1;
        }
        int n = Math.min(length, current.length - position);
        System.arraycopy(current.data, position, buffer, offset, n);
        position += n;
        return n;
    }

    @Override
    public void close() {
        closed = true;
        queue.clear();
    }
}
