/**
 * The submission rules in plain Java: the bidding window, and the transition tables of an upload
 * ({@link org.tenderhall.bid.domain.UploadTransition}) and of a committed bid
 * ({@link org.tenderhall.bid.domain.BidTransition}).
 */
package org.tenderhall.bid.domain;
