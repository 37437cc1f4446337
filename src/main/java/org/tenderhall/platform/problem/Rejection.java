package org.tenderhall.platform.problem;

import java.util.List;
import java.util.Map;
import org.tenderhall.kernel.FieldError;

/**
 * An expected refusal by a rule of the platform. Subclasses name the rule ({@code OrganisationAlreadyRegistered});
 * {@link ProblemMappers} turns each into a problem response of its {@link ProblemType}.
 */
public class Rejection extends RuntimeException {

    private final transient ProblemType type;
    private final transient List<FieldError> errors;

    public Rejection(ProblemType type, String detail) {
        this(type, detail, List.of());
    }

    public Rejection(ProblemType type, String detail, List<FieldError> errors) {
        super(detail, null, false, false);
        this.type = type;
        this.errors = List.copyOf(errors);
    }

    public ProblemType type() {
        return type;
    }

    public List<FieldError> errors() {
        return errors;
    }

    /** Response headers the problem carries, for a rejection that tells the client where things stand. */
    public Map<String, String> headers() {
        return Map.of();
    }
}
