package org.tenderhall.publication;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/** The public notice board: other capabilities post to it in their own transaction; anyone reads it. */
@ApplicationScoped
public class Notices {

    @Inject
    EntityManager em;

    @Transactional(Transactional.TxType.MANDATORY)
    public Notice post(UUID tenderId, Notice.Kind kind, String title, Instant at) {
        Notice notice = new Notice();
        notice.tenderId = tenderId;
        notice.kind = kind;
        notice.title = title;
        notice.publishedAt = at;
        em.persist(notice);
        return notice;
    }

    /** The newest notices first, those older than {@code beforeId} when it is given. */
    public List<Notice> newest(Long beforeId, int limit) {
        return em.createQuery("from Notice n where (:before is null or n.id < :before) order by n.id desc", Notice.class)
                .setParameter("before", beforeId).setMaxResults(limit).getResultList();
    }

    /** The notices about these tenders, newest first: a registered bidder's messages. */
    public List<Notice> about(Collection<UUID> tenderIds, int limit) {
        if (tenderIds.isEmpty()) {
            return List.of();
        }
        return em.createQuery("from Notice n where n.tenderId in :ids order by n.id desc", Notice.class)
                .setParameter("ids", tenderIds).setMaxResults(limit).getResultList();
    }
}
