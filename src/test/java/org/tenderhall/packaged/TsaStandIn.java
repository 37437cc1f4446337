package org.tenderhall.packaged;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.bouncycastle.tsp.TimeStampRequest;
import org.tenderhall.DemoPki;
import org.tenderhall.seal.Signer;
import org.tenderhall.timestamp.TimestampAuthority;

/**
 * A stand-in for a third-party RFC 3161 TSA, run in the test's process: it answers each request after
 * {@code delay} (a round trip to a real one), many at a time as a real one does, with the demo TSA's key. A test
 * can make it hold its answers ({@link #hold}) until it lets them go, to catch the platform in the middle of one.
 */
final class TsaStandIn implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "tsa-stand-in");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicLong serial = new AtomicLong(700_000_000);
    private final AtomicLong answered = new AtomicLong();
    private final AtomicReference<CountDownLatch> held = new AtomicReference<>();
    private final CountDownLatch arrivedWhileHeld = new CountDownLatch(1);

    private TsaStandIn(Duration delay) throws Exception {
        Signer key = DemoPki.load("tsa");
        TimestampAuthority authority = new TimestampAuthority(key.key(), key.chain());
        server = HttpServer.create(new InetSocketAddress("localhost", 0), 1000);
        server.setExecutor(threads);
        server.createContext("/tsa", exchange -> {
            try {
                byte[] query = exchange.getRequestBody().readAllBytes();
                CountDownLatch hold = held.get();
                if (hold != null) {
                    arrivedWhileHeld.countDown();
                    hold.await();
                }
                Thread.sleep(delay.toMillis());
                byte[] reply = authority.respond(new TimeStampRequest(query),
                        BigInteger.valueOf(serial.incrementAndGet()), Instant.now()).getEncoded();
                exchange.getResponseHeaders().add("Content-Type", "application/timestamp-reply");
                exchange.sendResponseHeaders(200, reply.length);
                exchange.getResponseBody().write(reply);
                answered.incrementAndGet();
            } catch (Exception e) {
                exchange.sendResponseHeaders(500, -1);
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    /** A stand-in that answers every request after {@code delay}. */
    static TsaStandIn start(Duration delay) throws Exception {
        return new TsaStandIn(delay);
    }

    /** The platform's settings for it: {@code TENDERHALL_TIMESTAMP_URL}. */
    Map<String, String> env() {
        return Map.of("TENDERHALL_TIMESTAMP_URL", "http://localhost:" + server.getAddress().getPort() + "/tsa");
    }

    /** From now on, requests wait for {@link #release} before their answer. */
    void hold() {
        held.set(new CountDownLatch(1));
    }

    /** Whether a request arrived while held, within {@code timeout}. */
    boolean awaitHeldRequest(Duration timeout) throws InterruptedException {
        return arrivedWhileHeld.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Requests answer again, the held ones too. */
    void release() {
        CountDownLatch hold = held.getAndSet(null);
        if (hold != null) {
            hold.countDown();
        }
    }

    long answered() {
        return answered.get();
    }

    @Override
    public void close() {
        release();
        server.stop(0);
        threads.shutdownNow();
    }
}
