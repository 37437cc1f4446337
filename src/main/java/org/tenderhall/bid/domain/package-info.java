/** The submission rules in plain Java: the bidding window, the size limit, which bid of a bidder counts. */
package org.tenderhall.bid.domain;
