/** Opening rules and key material in plain Java and Bouncy Castle: {@link org.tenderhall.opening.domain.OpeningKeys}. */
package org.tenderhall.opening.domain;
