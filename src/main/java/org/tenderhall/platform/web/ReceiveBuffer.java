package org.tenderhall.platform.web;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.vertx.core.http.HttpServerOptions;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * How much of a request body one read from a connection takes: {@code tenderhall.http.receive-buffer}. Vert.x then
 * reads each connection into buffers of this size (and sets the socket's receive buffer to it), instead of the
 * 64 KiB at most that Netty grows to, so a large bid reaches the thread that writes it in fewer, larger pieces.
 * Kept under half a heap region, so the copy Vert.x makes of each piece is an ordinary young object.
 */
@ApplicationScoped
public class ReceiveBuffer implements HttpServerOptionsCustomizer {

    @ConfigProperty(name = "tenderhall.http.receive-buffer", defaultValue = "256K")
    MemorySize size;

    @Override
    public void customizeHttpServer(HttpServerOptions options) {
        if (size.asLongValue() > 0) {
            options.setReceiveBufferSize((int) size.asLongValue());
        }
    }
}
