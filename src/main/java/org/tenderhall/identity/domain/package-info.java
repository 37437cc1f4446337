/**
 * Identity rules in plain Java: password hashes, failed sign-ins, the credit-code constraint for requests. The
 * actor, its roles and the organisation's credit code are in {@code org.tenderhall.kernel}: every capability holds them.
 */
package org.tenderhall.identity.domain;
