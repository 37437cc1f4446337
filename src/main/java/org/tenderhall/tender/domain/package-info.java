/**
 * The tender's rules in plain Java: the status transition table and the transitions time makes due, the bidding
 * period (20 days), amendments close to the deadline (15 days), the bid bond (at most 2%), the price ceiling, the
 * bounds on dates. Rules report every violation as a FieldError with its field path.
 */
package org.tenderhall.tender.domain;
