package org.tenderhall.template.domain;

/**
 * The common fields every template has, which {@code bid-templates/common.yaml} declares and the platform's rules
 * use by name (the loader refuses a {@code common.yaml} that lacks one).
 */
public final class CommonFields {

    public static final String ESTIMATED_PRICE = "estimatedPrice";
    public static final String PRICE_CEILING = "priceCeiling";
    public static final String BID_BOND = "bidBond";
    public static final String MANDATORY_TENDERING = "mandatoryTendering";
    public static final String BID_DEADLINE = "bidDeadline";
    public static final String OPENING_TIME = "openingTime";
    public static final String PROJECT_NAME = "projectName";
    /** The option of {@link #MANDATORY_TENDERING} that makes the tender one that must be tendered by law. */
    public static final String MANDATORY = "是";

    /** Every one of them, as {@code common.yaml} must declare them. */
    public static final java.util.List<String> ALL = java.util.List.of(PROJECT_NAME, ESTIMATED_PRICE, BID_BOND,
            PRICE_CEILING, MANDATORY_TENDERING, BID_DEADLINE, OPENING_TIME);

    private CommonFields() {
    }
}
