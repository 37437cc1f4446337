/**
 * Persistence of the openings: each opening under way or recorded, the lines of its record, the content keys
 * bidders handed in, the hall's events and the bidders' responses. The opening keys are in
 * {@code org.tenderhall.openingkey.store}.
 */
package org.tenderhall.opening.store;
