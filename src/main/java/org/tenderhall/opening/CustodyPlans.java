package org.tenderhall.opening;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.tenderhall.audit.AuditLog;
import org.tenderhall.identity.AccountService;
import org.tenderhall.kernel.Actor;
import org.tenderhall.kernel.FieldError;
import org.tenderhall.kernel.Role;
import org.tenderhall.openingkey.Custodians;
import org.tenderhall.openingkey.domain.Custody;
import org.tenderhall.openingkey.domain.KeyShares;
import org.tenderhall.pki.TrustList;
import org.tenderhall.pki.domain.CertificateCheck;
import org.tenderhall.pki.domain.Pem;
import org.tenderhall.platform.problem.ProblemType;
import org.tenderhall.platform.problem.Rejection;
import org.tenderhall.tender.Tenders;

/**
 * The custody a draft asks for its opening key, fixed at publication: the platform's scheduled custody (the
 * default), or dual control by k of n named custodians, each with the certificate its share will be encrypted to.
 */
@ApplicationScoped
public class CustodyPlans {

    /** A custodian as the agent names it: an account, and its encryption certificate (PEM, chain after it). */
    public record Custodian(String account, String certificate) {
    }

    /** What a draft asks for; {@code threshold} and {@code custodians} for dual control only. */
    public record Plan(Custody custody, Integer threshold, List<Custodian> custodians) {
    }

    /** Roles that may hold a share: the tender's side and its supervision, never a bidder or an expert. */
    private static final Set<Role> CUSTODIAN_ROLES = Set.of(Role.AGENT, Role.SUPERVISOR, Role.ADMIN);

    @Inject
    Custodians keyCustodians;

    @Inject
    Tenders tenders;

    @Inject
    AccountService accounts;

    @Inject
    TrustList trustList;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    @Transactional
    public Plan plan(Actor agent, UUID tenderId, Plan plan) {
        tenders.lockOwnDraft(agent, tenderId);
        List<FieldError> errors = new ArrayList<>();
        List<Custodians.Named> custodians = new ArrayList<>();
        if (plan.custody() == null) {
            errors.add(new FieldError("custody", "is required: SCHEDULED, DUAL_CONTROL or BIDDER_DECRYPTS"));
        } else if (plan.custody() == Custody.DUAL_CONTROL) {
            custodians = custodians(tenderId, plan, errors);
        } else if (plan.threshold() != null || (plan.custodians() != null && !plan.custodians().isEmpty())) {
            errors.add(new FieldError("custodians", "only dual control has custodians and a threshold"));
        }
        if (!errors.isEmpty()) {
            throw new Rejection(ProblemType.VALIDATION_FAILED, "The custody plan is not valid", errors);
        }
        Integer threshold = plan.custody() == Custody.DUAL_CONTROL ? plan.threshold() : null;
        keyCustodians.plan(tenderId, plan.custody(), threshold, custodians);
        audit.record(agent, "OpeningCustodyPlanned", Tenders.subject(tenderId), Map.of("custody", plan.custody().name(),
                "threshold", threshold == null ? 0 : threshold,
                "custodians", custodians.stream().map(Custodians.Named::account).toList()));
        return of(tenderId, Custody.SCHEDULED);
    }

    private List<Custodians.Named> custodians(UUID tenderId, Plan plan, List<FieldError> errors) {
        List<Custodian> named = plan.custodians() == null ? List.of() : plan.custodians();
        int n = named.size();
        if (plan.threshold() == null || plan.threshold() < 2 || plan.threshold() > n || n > KeyShares.MAX_CUSTODIANS) {
            errors.add(new FieldError("threshold", "dual control needs 2 <= threshold <= custodians <= "
                    + KeyShares.MAX_CUSTODIANS + " (" + plan.threshold() + " of " + n + ")"));
        }
        List<Custodians.Named> custodians = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < n; i++) {
            Custodian custodian = named.get(i);
            String path = "custodians[" + i + "]";
            Actor account = custodian == null || custodian.account() == null ? null
                    : accounts.enabled(custodian.account()).orElse(null);
            if (account == null || !CUSTODIAN_ROLES.contains(account.role())) {
                errors.add(new FieldError(path + ".account", "must be an enabled account of an agent, a supervisor"
                        + " or an administrator"));
                continue;
            }
            if (!seen.add(account.username())) {
                errors.add(new FieldError(path + ".account", "names a custodian twice"));
                continue;
            }
            List<X509Certificate> chain;
            try {
                chain = custodian.certificate() == null ? List.of()
                        : Pem.certificates(custodian.certificate().getBytes(StandardCharsets.US_ASCII));
            } catch (CertificateException e) {
                chain = List.of();
            }
            if (chain.isEmpty()) {
                errors.add(new FieldError(path + ".certificate", "must be the custodian's certificate in PEM"));
                continue;
            }
            // trusted, valid now, for encryption, of the account's organisation: else its own problem
            trustList.check(chain.get(0), chain, clock.instant(), account.organisation().value(),
                    CertificateCheck.Purpose.ENCRYPTION);
            try {
                custodians.add(new Custodians.Named(account.username(), account.organisation().value(),
                        Pem.pem(chain.get(0))));
            } catch (CertificateException e) {
                throw new IllegalStateException(e);
            }
        }
        return custodians;
    }

    /** The plan of a tender: what its draft asked for, or else its template's default custody. */
    public Plan of(UUID tenderId, Custody templateDefault) {
        return keyCustodians.planOf(tenderId).map(planned -> new Plan(planned.custody(), planned.threshold(),
                planned.custodians().stream().map(c -> new Custodian(c.account(), c.certificate())).toList()))
                .orElseGet(() -> new Plan(templateDefault, null, List.of()));
    }

    List<Custodians.Custodian> custodiansOf(UUID tenderId) {
        return keyCustodians.of(tenderId);
    }
}
