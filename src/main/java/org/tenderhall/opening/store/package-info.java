/** Persistence of opening keys. */
package org.tenderhall.opening.store;
