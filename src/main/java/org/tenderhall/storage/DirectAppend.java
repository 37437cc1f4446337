package org.tenderhall.storage;

import com.sun.nio.file.ExtendedOpenOption;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Appends an upload's bytes to its file around the page cache (O_DIRECT) in pieces of 1 MiB, written on a thread of
 * their own while the next ones fill, and hands each piece, once written, to the {@link AppendListener} from memory.
 * On the development machine, putting a gigabyte into new page-cache pages cost 0.6 to 2 s of kernel time, writing it
 * around the cache 0.13 to 0.2 s; and the envelope's inspection, which follows the upload, reads the pieces instead
 * of the file.
 * <p>
 * Only whole blocks at block-aligned positions go around the cache: the bytes of a resumed upload up to the next
 * piece boundary, and those after the last whole block, go through it. The pieces are written in order, one at a
 * time, so the file never has a hole; a piece is filled again only once the writing thread and the listener are both
 * done with it. An append starts with {@link #RING} pieces and takes more, up to {@link #MOST}, when none is free: the
 * virtual disk of the development machine stalls writes for tens of milliseconds while an fsync runs beside them, and
 * the pieces must carry the upload through (in the upload benchmark, 4 to 16 pieces left the upload waiting; 32 did
 * not). At most {@link #AT_ONCE} appends at a time write this way, within a {@link #BUDGET} of pieces off the heap
 * kept for reuse; the others, and file systems that refuse O_DIRECT, write through the page cache.
 */
final class DirectAppend implements AutoCloseable {

    static final int PIECE = 1 << 20;
    /** Pieces an append starts with. */
    static final int RING = 4;
    /** Pieces an append may grow to, while the disk stalls its writes (an fsync beside them, say). */
    static final int MOST = 32;
    static final int AT_ONCE = 2;
    /** Pieces all appends together may have, off the heap: allocated when first needed, then kept for reuse. */
    static final int BUDGET = 64;
    private static final Semaphore PIECES = new Semaphore(BUDGET);
    /** A piece filling for longer than this (a slow connection) is written as it is. */
    private static final long SEND_AFTER_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** How long the writer waits for the listener to give a piece back before it takes a new one. */
    private static final long GIVE_BACK_SECONDS = 60;
    private static final Semaphore LEASES = new Semaphore(AT_ONCE);
    /** Rings of appends that ended, every piece back, for the next appends. */
    private static final Queue<List<ByteBuffer>> IDLE = new ConcurrentLinkedQueue<>();
    private static final Logger LOG = Logger.getLogger(DirectAppend.class);
    /** Threads that write the pieces while the next ones fill: each append has one while it lasts. */
    private static final ExecutorService WRITERS = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "blob-write");
        thread.setDaemon(true);
        return thread;
    });

    private final Path file;
    private final FileChannel buffered;
    private FileChannel direct; // null once the file system refused a write around the cache
    private final int block;
    private final AppendListener listener;
    private final BlockingQueue<ByteBuffer> free;
    private int pieces; // how many pieces this append has
    private int unbudgeted; // of them, taken beyond the budget while the listener held every other one for long
    private ByteBuffer piece; // being filled, or null
    private long pieceStart; // the file position of the piece's first byte
    private long pieceBegan; // System.nanoTime() when the piece began to fill
    /** Filled pieces, in file order, for the writing thread; {@link #END} after the last. */
    private final BlockingQueue<Filled> filled = new LinkedBlockingQueue<>();
    private final CompletableFuture<Void> writing;
    private volatile IOException failure; // the first write that failed: the pieces after it are not written

    private record Filled(ByteBuffer piece, long start) {
    }

    private static final Filled END = new Filled(null, -1);

    private DirectAppend(Path file, FileChannel buffered, FileChannel direct, int block, long position,
            AppendListener listener, List<ByteBuffer> ring) {
        this.file = file;
        this.buffered = buffered;
        this.direct = direct;
        this.block = block;
        this.listener = listener;
        this.free = new LinkedBlockingQueue<>(ring);
        this.pieces = ring.size();
        this.pieceStart = position;
        this.writing = CompletableFuture.runAsync(this::writePieces, WRITERS);
    }

    /**
     * Starts appending at {@code position} of {@code file}, which {@code buffered} has open for writing; or null when
     * {@link #AT_ONCE} appends write this way already, or the file system cannot.
     */
    static DirectAppend open(Path file, FileChannel buffered, long position, AppendListener listener) {
        if (!LEASES.tryAcquire()) {
            return null;
        }
        FileChannel direct = null;
        List<ByteBuffer> ring = null;
        boolean opened = false;
        try {
            long block = Files.getFileStore(file).getBlockSize();
            if (block <= 0 || Long.bitCount(block) != 1 || PIECE % block != 0) {
                return null;
            }
            direct = FileChannel.open(file, StandardOpenOption.WRITE, ExtendedOpenOption.DIRECT);
            ring = IDLE.poll();
            if (ring != null && ring.get(0).alignmentOffset(0, (int) block) != 0) {
                PIECES.release(ring.size());
                ring = null;
            }
            if (ring == null) {
                ring = allocateRing((int) block);
            }
            DirectAppend append = new DirectAppend(file, buffered, direct, (int) block, position, listener, ring);
            opened = true;
            return append;
        } catch (IOException | RuntimeException e) { // O_DIRECT refused (tmpfs on older kernels), or no pieces
            LOG.debugf("Upload %s is written through the page cache: %s", file.getFileName(), e);
            return null;
        } finally {
            if (!opened) {
                closeQuietly(direct);
                if (ring != null) {
                    IDLE.offer(ring);
                }
                LEASES.release();
            }
        }
    }

    private static List<ByteBuffer> allocateRing(int block) {
        if (!PIECES.tryAcquire(RING)) {
            throw new IllegalStateException("no pieces left in the budget");
        }
        List<ByteBuffer> ring = new ArrayList<>();
        try {
            for (int i = 0; i < RING; i++) {
                ring.add(allocate(block));
            }
            return ring;
        } catch (OutOfMemoryError e) { // no direct memory left: this append goes through the page cache
            PIECES.release(RING);
            throw new IllegalStateException("no memory for pieces", e);
        }
    }

    /**
     * Appends {@code length} bytes of {@code bytes}: a piece full by them goes to the writing thread, which hands it to
     * the listener once written.
     */
    void write(byte[] bytes, int offset, int length) throws IOException {
        while (length > 0) {
            throwIfFailed();
            if (piece == null) {
                piece = take();
                pieceBegan = System.nanoTime();
                // pieces end at multiples of PIECE: the first of a resumed upload, or after a slow piece, is shorter
                piece.clear().limit(PIECE - (int) (pieceStart % PIECE));
            }
            int n = Math.min(length, piece.remaining());
            piece.put(bytes, offset, n);
            offset += n;
            length -= n;
            if (!piece.hasRemaining() || System.nanoTime() - pieceBegan > SEND_AFTER_NANOS) {
                send(); // a slow connection's bytes reach the file, and the inspection, at least this often
            }
        }
    }

    /** Writes the piece under way, if any, and waits for the writing thread: every byte given is in the file. */
    void finish() throws IOException {
        if (piece != null && piece.position() > 0) {
            send();
        }
        filled.add(END);
        writing.join(); // not interruptible: the fsync that follows must come after every write
        throwIfFailed();
    }

    private void throwIfFailed() throws IOException {
        if (failure != null) {
            throw new IOException("writing " + file.getFileName() + " failed", failure);
        }
    }

    private void send() {
        ByteBuffer full = piece;
        piece = null;
        full.flip();
        filled.add(new Filled(full, pieceStart));
        pieceStart += full.remaining();
    }

    /**
     * The writing thread: writes the pieces in order, one at a time, so the file never has a hole. After a failure it
     * writes no more, but goes on taking the pieces until the end, so the writer never waits for it.
     */
    private void writePieces() {
        for (Filled next = nextFilled(); next != END; next = nextFilled()) {
            ByteBuffer full = next.piece();
            Runnable done = once(() -> free.add(full));
            if (failure != null) {
                done.run();
                continue;
            }
            try {
                write(full, next.start());
            } catch (Throwable e) {
                failure = e instanceof IOException io ? io : new IOException(e);
                done.run();
                continue;
            }
            try {
                listener.wrote(next.start() + full.remaining(), full.asReadOnlyBuffer(), done);
            } catch (Throwable e) { // the bytes are in the file: the writing goes on without this reader
                LOG.warnf(e, "Upload %s: the reader of its pieces failed", file.getFileName());
                done.run();
            }
        }
    }

    private Filled nextFilled() {
        while (true) {
            try {
                return filled.take();
            } catch (InterruptedException e) {
                if (failure == null) {
                    failure = new InterruptedIOException("the writing of " + file.getFileName() + " was interrupted");
                }
            }
        }
    }

    /** Gives a piece back once, however often it is called. */
    private static Runnable once(Runnable giveBack) {
        AtomicBoolean given = new AtomicBoolean();
        return () -> {
            if (given.compareAndSet(false, true)) {
                giveBack.run();
            }
        };
    }

    private void write(ByteBuffer full, long start) throws IOException {
        int length = full.remaining();
        int whole = start % block == 0 ? length - length % block : 0;
        if (whole > 0) {
            writeAround(full.duplicate().limit(whole), start);
        }
        if (whole < length) {
            writeFully(buffered, full.duplicate().position(whole), start + whole);
        }
    }

    private void writeAround(ByteBuffer bytes, long position) throws IOException {
        if (direct != null) {
            try {
                writeFully(direct, bytes.duplicate(), position);
                return;
            } catch (IOException e) { // some file systems open with O_DIRECT but refuse its writes
                LOG.debugf("Upload %s is written through the page cache from byte %d: %s", file.getFileName(),
                        position, e);
                closeQuietly(direct);
                direct = null;
            }
        }
        writeFully(buffered, bytes, position);
    }

    private static void writeFully(FileChannel channel, ByteBuffer bytes, long position) throws IOException {
        while (bytes.hasRemaining()) {
            position += channel.write(bytes, position);
        }
    }

    /**
     * A piece the writing thread and the listener are done with; else a new one, up to {@link #MOST} and the
     * {@link #BUDGET}; else the next to come back (a new one if none comes for long: the listener should not hold
     * them so).
     */
    private ByteBuffer take() throws IOException {
        ByteBuffer ready = free.poll();
        if (ready != null) {
            return ready;
        }
        if (pieces < MOST && PIECES.tryAcquire()) {
            try {
                ByteBuffer grown = allocate(block);
                pieces++;
                return grown;
            } catch (OutOfMemoryError e) { // no direct memory left: wait for a piece to come back
                PIECES.release();
            }
        }
        try {
            ByteBuffer back = free.poll(GIVE_BACK_SECONDS, TimeUnit.SECONDS);
            if (back != null) {
                return back;
            }
            LOG.warnf("Upload %s: no piece came back in %d s; taking another", file.getFileName(), GIVE_BACK_SECONDS);
            ByteBuffer extra = allocate(block);
            if (!PIECES.tryAcquire()) {
                unbudgeted++;
            }
            pieces++;
            return extra;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for a piece of " + file.getFileName());
        }
    }

    /** Waits for the listener to give every piece back, then leaves the ring to the next append. */
    @Override
    public void close() {
        if (piece != null) {
            free.add(piece);
            piece = null;
        }
        if (!writing.isDone()) { // finish was not called
            filled.add(END);
            writing.join();
        }
        List<ByteBuffer> back = new ArrayList<>(pieces);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(GIVE_BACK_SECONDS);
        try {
            while (back.size() < pieces) {
                ByteBuffer buffer = free.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (buffer == null) {
                    break;
                }
                back.add(buffer);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (back.size() == pieces) {
            IDLE.offer(List.copyOf(back.subList(0, pieces - unbudgeted)));
        } else { // the listener still holds some: they go when it drops them
            PIECES.release(pieces - unbudgeted);
        }
        closeQuietly(direct);
        LEASES.release();
    }

    /** A buffer of {@link #PIECE} bytes at an address that is a multiple of {@code block}, as O_DIRECT needs. */
    private static ByteBuffer allocate(int block) {
        return ByteBuffer.allocateDirect(PIECE + block).alignedSlice(block).slice(0, PIECE);
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // nothing was written through it that a close could lose
            }
        }
    }
}
