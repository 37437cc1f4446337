package org.tenderhall.opening;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.tenderhall.audit.AuditLog;
import org.tenderhall.kernel.Actor;
import org.tenderhall.opening.store.Opening;
import org.tenderhall.openingkey.Custodians;
import org.tenderhall.openingkey.OpeningCertificates;
import org.tenderhall.openingkey.domain.ShareDocument;
import org.tenderhall.platform.Hashes;
import org.tenderhall.platform.problem.ProblemType;
import org.tenderhall.platform.problem.Rejection;
import org.tenderhall.seal.SealException;
import org.tenderhall.tender.TendersAtOpening;

/**
 * Dual control at the opening: each custodian fetches its share (encrypted to its own certificate), decrypts it
 * on its own machine ({@code bidkit share}), and hands it in encrypted to the opening's transport certificate.
 * The platform knows each share by the SHA-256 it noted at publication. Every refusal is recorded and changes
 * nothing; once {@code k} shares are in, the opening goes on by itself.
 */
@ApplicationScoped
public class KeyShareHandIns {

    public static final ProblemType NOT_A_CUSTODIAN =
            new ProblemType("not-a-custodian", "Only the tender's custodians hold shares of its opening key", 403);
    public static final ProblemType SHARE_INVALID =
            new ProblemType("share-invalid", "Not the share this custodian was given for this opening", 422);
    public static final ProblemType SHARE_OF_ANOTHER_TENDER =
            new ProblemType("share-of-another-tender", "The share belongs to another tender's opening key", 422);
    public static final ProblemType ALREADY_HANDED_IN =
            new ProblemType("share-already-handed-in", "This custodian's share is already handed in", 409);

    @Inject
    EntityManager em;

    @Inject
    AuditLog audit;

    @Inject
    Custodians custodians;

    @Inject
    OpeningCertificates certificates;

    @Inject
    OpeningKeyCustody custody;

    @Inject
    OpeningHall hall;

    /** The custodian's own share, encrypted to its certificate: from the opening time on. */
    @Transactional(dontRollbackOn = Rejection.class)
    public byte[] shareOf(Actor custodian, UUID tenderId) {
        custody.requireOpeningTime(custodian, tenderId, "KeyShareRefused");
        return custodianOf(custodian, tenderId).shareEnvelope();
    }

    @Transactional(dontRollbackOn = Rejection.class)
    public Custodians.Custodian handIn(Actor actor, UUID tenderId, byte[] envelope) {
        Instant now = custody.requireOpeningTime(actor, tenderId, "KeyShareRefused");
        Custodians.Custodian custodian = custodianOf(actor, tenderId);
        Opening opening = em.find(Opening.class, tenderId, LockModeType.PESSIMISTIC_WRITE);
        if (opening == null || opening.transportCertificate == null) {
            throw refused(actor, tenderId, OpeningProblems.NOT_STARTED, "The opening has not started yet: its"
                    + " transport certificate comes with it, within seconds of the opening time");
        }
        if (custodian.shareWrapped() != null) {
            throw refused(actor, tenderId, ALREADY_HANDED_IN, "Your share was handed in at " + custodian.handedInAt());
        }
        ShareDocument share;
        byte[] document;
        try {
            document = custody.openHandedIn(opening, envelope);
            share = ShareDocument.parse(document);
        } catch (SealException | IllegalArgumentException e) {
            throw refused(actor, tenderId, SHARE_INVALID, "The share is not a share encrypted to this opening's"
                    + " transport certificate"); // the parser's own words name its classes, not what to fix
        }
        if (!share.tenderId().equals(tenderId.toString())) {
            throw refused(actor, tenderId, SHARE_OF_ANOTHER_TENDER, "The share is of tender " + share.tenderId());
        }
        if (share.index() != custodian.position() || !Hashes.sha256Hex(document).equals(custodian.shareSha256())) {
            throw refused(actor, tenderId, SHARE_INVALID, "The share is not the one you were given at publication");
        }
        byte[] wrapped = custody.sealUnderKek(document);
        long handedIn = custodians.handIn(tenderId, custodian.position(), wrapped, now);
        int threshold = certificates.wrappedKey(tenderId).orElseThrow().threshold();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("custodian", custodian.account());
        data.put("handedIn", handedIn);
        data.put("threshold", threshold);
        audit.record(actor, "KeyShareHandedIn", TendersAtOpening.subject(tenderId), data);
        hall.event(tenderId, "share-handed-in", data, now);
        return new Custodians.Custodian(custodian.position(), custodian.account(), custodian.organisation(),
                custodian.certificate(), custodian.shareEnvelope(), custodian.shareSha256(), now, wrapped);
    }

    /** The custodians who have not handed in their share yet (under dual control), in their order. */
    public List<String> missing(UUID tenderId) {
        return custodians.missing(tenderId);
    }

    private Custodians.Custodian custodianOf(Actor actor, UUID tenderId) {
        return custodians.holder(tenderId, actor.username()).orElseThrow(() -> refused(actor, tenderId, NOT_A_CUSTODIAN,
                "You hold no share of this tender's opening key"));
    }

    private Rejection refused(Actor actor, UUID tenderId, ProblemType problem, String detail) {
        return audit.refused(actor, "KeyShareRefused", TendersAtOpening.subject(tenderId),
                Map.of("problem", problem.slug(), "detail", detail), new Rejection(problem, detail));
    }

}
