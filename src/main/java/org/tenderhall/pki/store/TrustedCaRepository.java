package org.tenderhall.pki.store;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class TrustedCaRepository implements PanacheRepository<TrustedCa> {

    public List<TrustedCa> enabled() {
        return list("enabled = true order by id");
    }

    public Optional<TrustedCa> findBySha256(String sha256) {
        return find("sha256", sha256).firstResultOptional();
    }
}
