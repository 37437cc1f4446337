/** Opening rules in plain Java: {@link org.tenderhall.opening.domain.OpeningRules}, the figures read out, the outcome of a bid. */
package org.tenderhall.opening.domain;
