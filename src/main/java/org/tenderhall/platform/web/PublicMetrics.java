package org.tenderhall.platform.web;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.MeterFilterReply;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * {@code /q/metrics} is public, and how many bids or registrations a tender has is secret until its opening. The
 * request timer leaves out their paths ({@code quarkus.micrometer.binder.http-server.ignore-patterns}); the
 * meters below count every request, connection, byte or worker task whatever its path (or, like the event loops'
 * pending tasks, show one in progress), so they would count bids all the same, and are not kept at all.
 */
@Singleton
public class PublicMetrics {

    /** Meters (by name prefix) that move with every request, whatever its path. */
    static final List<String> PATHLESS = List.of("http.server.bytes.", "http.server.active.", "http.server.connections",
            "worker.pool.", "netty.allocator.", "netty.eventexecutor.");

    @Produces
    @Singleton
    MeterFilter withoutPathlessRequestCounts() {
        return new MeterFilter() {
            @Override
            public MeterFilterReply accept(Meter.Id id) {
                return PATHLESS.stream().anyMatch(id.getName()::startsWith) ? MeterFilterReply.DENY
                        : MeterFilterReply.NEUTRAL;
            }
        };
    }
}
