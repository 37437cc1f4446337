/** Persistence of uploads, sealed bids and receipts. */
package org.tenderhall.bid.store;
