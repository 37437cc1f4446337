/**
 * Opening rules in plain Java: {@link org.tenderhall.opening.domain.OpeningRules} (the opening time, the rule of
 * three, the objection window, whose fault a bid that does not open is), the figures read out, the outcome of a
 * bid, and the {@link org.tenderhall.opening.domain.OpeningRecord} that both the API's view and the signed record
 * document are made from.
 */
package org.tenderhall.opening.domain;
