package org.tenderhall.identity;

import org.tenderhall.kernel.Actor;

/**
 * Fired, inside the seeding transaction, when the demo data set has been seeded: other capabilities add their
 * demo data (the trust list's demo CAs, say) as the same actor.
 */
public record DemoDataSeeded(Actor actor) {
}
