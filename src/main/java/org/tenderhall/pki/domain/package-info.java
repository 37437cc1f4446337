/** Certificate rules in plain Java and Bouncy Castle: {@link org.tenderhall.pki.domain.CertificateCheck}. */
package org.tenderhall.pki.domain;
