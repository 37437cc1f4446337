/**
 * The small value types every capability passes around, below every capability: {@link org.tenderhall.kernel.Money},
 * who acts ({@link org.tenderhall.kernel.Actor}, {@link org.tenderhall.kernel.Role}, the organisation's
 * {@link org.tenderhall.kernel.OrgCode} and its {@link org.tenderhall.kernel.CreditCode} rule), and one invalid input
 * ({@link org.tenderhall.kernel.FieldError}). Plain Java, depending on nothing else of ours.
 *
 * <p>A type belongs here only when several capabilities hold it in their own rules and it carries no rule of one
 * capability: a value, its validity, nothing that reads or stores. Typed ids go here when they come. Anything that
 * a single capability owns stays in that capability, even if others call it.
 */
package org.tenderhall.kernel;
