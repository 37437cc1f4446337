package org.tenderhall.pki.domain;

import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.List;

/** The enabled root certificates of the trust list, and the CRLs the platform holds. */
public record TrustMaterial(List<X509Certificate> roots, List<X509CRL> crls) {

    public TrustMaterial {
        roots = List.copyOf(roots);
        crls = List.copyOf(crls);
    }
}
