/** Persistence of the trust list and the CRLs. */
package org.tenderhall.pki.store;
