package org.tenderhall.pki.store;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class CrlRepository implements PanacheRepositoryBase<Crl, String> {
}
