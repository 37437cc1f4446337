package org.tenderhall.identity;

import java.util.List;
import org.tenderhall.kernel.FieldError;
import org.tenderhall.kernel.OrgCode;
import org.tenderhall.platform.problem.ProblemType;
import org.tenderhall.platform.problem.Rejection;

/** The refusals of identity management, each with its own problem type. */
public final class IdentityRejections {

    public static final ProblemType ORGANISATION_EXISTS =
            new ProblemType("organisation-exists", "Organisation already registered", 409);
    public static final ProblemType UNKNOWN_ORGANISATION =
            new ProblemType("unknown-organisation", "Organisation not registered", 422);
    public static final ProblemType ACCOUNT_EXISTS = new ProblemType("account-exists", "Account already exists", 409);
    public static final ProblemType ACCOUNTS_EXTERNAL =
            new ProblemType("accounts-managed-externally", "Accounts are managed by the identity provider", 409);
    public static final ProblemType NO_ORGANISATION =
            new ProblemType("no-organisation", "No organisation for this user", 403);

    public static final ProblemType TOO_MANY_SIGN_IN_ATTEMPTS =
            new ProblemType("too-many-sign-in-attempts", "Too many failed sign-ins", 429);

    private IdentityRejections() {
    }

    public static final class OrganisationAlreadyRegistered extends Rejection {
        public OrganisationAlreadyRegistered(OrgCode code) {
            super(ORGANISATION_EXISTS, "An organisation with credit code " + code + " is already registered.");
        }
    }

    public static final class OrganisationNotRegistered extends Rejection {
        public OrganisationNotRegistered(String field, OrgCode code) {
            super(UNKNOWN_ORGANISATION, "No organisation with credit code " + code + " is registered.",
                    List.of(new FieldError(field, "not a registered organisation")));
        }
    }

    public static final class AccountAlreadyExists extends Rejection {
        public AccountAlreadyExists(String username) {
            super(ACCOUNT_EXISTS, "An account named '" + username + "' already exists.");
        }
    }

    public static final class AccountsManagedExternally extends Rejection {
        public AccountsManagedExternally() {
            super(ACCOUNTS_EXTERNAL, "This platform runs in oidc mode: accounts are managed in the identity provider.");
        }
    }

    public static final class NoOrganisation extends Rejection {
        public NoOrganisation(String why) {
            super(NO_ORGANISATION, why);
        }
    }
}
