/** Persistence of organisations and embedded accounts. */
package org.tenderhall.identity.store;
