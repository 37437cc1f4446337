package org.tenderhall.platform.database;

import jakarta.persistence.EntityManager;

/**
 * A PostgreSQL advisory lock held until the current transaction ends: serialises work on one key across
 * threads and across platform instances (check-then-insert of a unique name, start-up seeding).
 */
public final class TransactionLock {

    private TransactionLock() {
    }

    public static void acquire(EntityManager em, String key) {
        em.createNativeQuery("select pg_advisory_xact_lock(hashtextextended(?1, 0))")
                .setParameter(1, key)
                .getSingleResult();
    }
}
