package org.tenderhall.platform.database;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/** Stops the embedded server when the application stops, after every other shutdown observer has run. */
@Singleton
class EmbeddedDatabaseLifecycle {

    void onStop(@Observes @Priority(Integer.MAX_VALUE) ShutdownEvent event) {
        EmbeddedDatabase.stop();
    }
}
