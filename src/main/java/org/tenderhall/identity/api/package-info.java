/** HTTP endpoints of identity: who am I, organisations, accounts. */
package org.tenderhall.identity.api;
