package org.tenderhall.kernel;

/** An organisation's identity: its unified social credit code, always valid once constructed. */
public record OrgCode(String value) {

    public OrgCode {
        String problem = CreditCode.problem(value).orElse(null);
        if (problem != null) {
            throw new IllegalArgumentException("Invalid credit code '" + value + "': " + problem);
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
