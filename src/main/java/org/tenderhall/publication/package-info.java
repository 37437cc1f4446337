/**
 * The public notice board (公告): a notice when a tender is published, amended or cancelled, when a clarification
 * is answered, when a tender fails (流标) or its opening is recorded. The capability that makes the change posts its
 * notice in the same transaction, and a notice never changes after. Anyone reads the board without signing in; a
 * registered bidder's messages are the notices about its tenders.
 */
package org.tenderhall.publication;
