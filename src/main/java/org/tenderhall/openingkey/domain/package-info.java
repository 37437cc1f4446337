/**
 * Opening key material in plain Java and Bouncy Castle: the certificate and its wrapped key ({@link
 * org.tenderhall.openingkey.domain.OpeningKeys}), k-of-n shares ({@link org.tenderhall.openingkey.domain.KeyShares},
 * {@link org.tenderhall.openingkey.domain.ShareDocument}) and the kinds of {@link org.tenderhall.openingkey.domain.Custody}.
 */
package org.tenderhall.openingkey.domain;
