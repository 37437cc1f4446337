/** HTTP endpoints of the trust list and of the certificate check. */
package org.tenderhall.pki.api;
