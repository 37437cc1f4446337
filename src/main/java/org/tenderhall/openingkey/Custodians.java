package org.tenderhall.openingkey;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.tenderhall.openingkey.domain.Custody;
import org.tenderhall.openingkey.store.OpeningCustodian;
import org.tenderhall.openingkey.store.OpeningCustody;

/**
 * The custody a draft asks for its opening key (a draft without one is in its template's custody), and under dual
 * control each custodian: the certificate its share is encrypted to at publication and, at the opening, the share it
 * handed in, kept under the platform KEK. Whoever may plan or hand in, and when, is the opening's to decide; this
 * keeps what was decided. Each method joins the caller's transaction.
 */
@ApplicationScoped
public class Custodians {

    /** A custodian as planned: an account of an organisation, and the certificate (PEM) its share is encrypted to. */
    public record Named(String account, String organisation, String certificate) {
    }

    /** What a draft asked for: the custody and, for dual control, the threshold and the custodians in order. */
    public record Plan(Custody custody, Integer threshold, List<Custodian> custodians) {
    }

    /**
     * A custodian and its share: {@code shareEnvelope} is what it was given at publication (encrypted to its
     * certificate), {@code shareWrapped} what it handed in at the opening (under the platform KEK), or null.
     */
    public record Custodian(int position, String account, String organisation, String certificate,
            byte[] shareEnvelope, String shareSha256, Instant handedInAt, byte[] shareWrapped) {

        static Custodian of(OpeningCustodian row) {
            return new Custodian(row.position, row.account, row.organisation, row.certificate, row.shareEnvelope,
                    row.shareSha256, row.handedInAt, row.shareWrapped);
        }
    }

    @Inject
    EntityManager em;

    /** Replaces the draft's plan: its custody, its threshold (dual control only) and its custodians, in order. */
    public void plan(UUID tenderId, Custody custody, Integer threshold, List<Named> custodians) {
        em.createQuery("delete from OpeningCustodian c where c.tenderId = :t").setParameter("t", tenderId).executeUpdate();
        OpeningCustody plan = em.find(OpeningCustody.class, tenderId);
        boolean first = plan == null;
        if (first) {
            plan = new OpeningCustody();
            plan.tenderId = tenderId;
        }
        plan.custody = custody;
        plan.threshold = threshold;
        if (first) {
            em.persist(plan);
        }
        for (int i = 0; i < custodians.size(); i++) {
            OpeningCustodian row = new OpeningCustodian();
            row.tenderId = tenderId;
            row.position = i + 1;
            row.account = custodians.get(i).account();
            row.organisation = custodians.get(i).organisation();
            row.certificate = custodians.get(i).certificate();
            em.persist(row);
        }
    }

    /** The plan the draft asked for, if it asked. */
    public Optional<Plan> planOf(UUID tenderId) {
        OpeningCustody plan = em.find(OpeningCustody.class, tenderId);
        if (plan == null) {
            return Optional.empty();
        }
        return Optional.of(new Plan(plan.custody, plan.threshold, of(tenderId)));
    }

    /** The custodians of a tender's key, in their order. */
    public List<Custodian> of(UUID tenderId) {
        return rows(tenderId).stream().map(Custodian::of).toList();
    }

    /** The custodian {@code account} of a tender's key, when it holds a share of it. */
    public Optional<Custodian> holder(UUID tenderId, String account) {
        return em.createQuery("from OpeningCustodian c where c.tenderId = :t and c.account = :a"
                        + " and c.shareEnvelope is not null", OpeningCustodian.class).setParameter("t", tenderId)
                .setParameter("a", account).getResultList().stream().findFirst().map(Custodian::of);
    }

    /** Keeps the share the custodian at {@code position} handed in, under the platform KEK; the number handed in. */
    public long handIn(UUID tenderId, int position, byte[] shareWrapped, Instant at) {
        OpeningCustodian.Key key = new OpeningCustodian.Key();
        key.tenderId = tenderId;
        key.position = position;
        OpeningCustodian custodian = em.find(OpeningCustodian.class, key);
        custodian.shareWrapped = shareWrapped;
        custodian.handedInAt = at;
        return em.createQuery("select count(c) from OpeningCustodian c where c.tenderId = :t"
                + " and c.handedInAt is not null", Long.class).setParameter("t", tenderId).getSingleResult(); // flushed first
    }

    /** The custodians who have not handed in their share yet, in their order. */
    public List<String> missing(UUID tenderId) {
        return em.createQuery("select c.account from OpeningCustodian c where c.tenderId = :t and c.handedInAt is null"
                + " order by c.position", String.class).setParameter("t", tenderId).getResultList();
    }

    /** The custodians who have handed in their share, in their order. */
    public List<Custodian> handedIn(UUID tenderId) {
        return em.createQuery("from OpeningCustodian c where c.tenderId = :t and c.shareWrapped is not null"
                + " order by c.position", OpeningCustodian.class).setParameter("t", tenderId).getResultList().stream()
                .map(Custodian::of).toList();
    }

    /** The rows, to encrypt each custodian's share to it at publication. */
    List<OpeningCustodian> rows(UUID tenderId) {
        return em.createQuery("from OpeningCustodian c where c.tenderId = :t order by c.position", OpeningCustodian.class)
                .setParameter("t", tenderId).getResultList();
    }
}
