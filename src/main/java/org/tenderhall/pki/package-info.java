/**
 * The trust list of recognised certificate authorities and the checks a certificate must pass: a path to an
 * enabled root, validity at the platform's receipt time, revocation by CRL, key usage, and the binding of the
 * certificate to the organisation that uses it.
 */
package org.tenderhall.pki;
