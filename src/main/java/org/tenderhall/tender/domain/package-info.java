/**
 * The tender's rules in plain Java: the status transition table, the bidding period (20 days), amendments
 * close to the deadline (15 days), the bid bond (at most 2%). Rules report every violation as a FieldError with its field path.
 */
package org.tenderhall.tender.domain;
