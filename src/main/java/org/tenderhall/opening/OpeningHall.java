package org.tenderhall.opening;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.tenderhall.opening.store.OpeningEvent;

/**
 * The opening hall (开标大厅): the events of an opening as they happen, in order, for whoever watches it. An event is
 * written in the transaction of the change it shows, so the hall shows nothing that did not happen.
 */
@ApplicationScoped
public class OpeningHall {

    /** The events after which the opening hall has nothing more to show. */
    public static final Set<String> FINAL_EVENTS = Set.of("record-complete", "tender-failed");

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    EntityManager em;

    /** The events of a tender's opening after the one at {@code afterSeq}, in order. */
    public List<OpeningEvent> events(UUID tenderId, long afterSeq) {
        return em.createQuery("from OpeningEvent e where e.tenderId = :t and e.seq > :after order by e.seq",
                OpeningEvent.class).setParameter("t", tenderId).setParameter("after", afterSeq).getResultList();
    }

    /** Shows an event in the hall, in the caller's transaction. */
    void event(UUID tenderId, String kind, Map<String, ?> data, Instant at) {
        OpeningEvent event = new OpeningEvent();
        event.tenderId = tenderId;
        event.kind = kind;
        try {
            event.data = JSON.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        event.at = at;
        em.persist(event);
    }
}
