package org.tenderhall.identity.store;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

@ApplicationScoped
public class AccountRepository implements PanacheRepositoryBase<Account, String> {

    public List<Account> listByUsername() {
        return list("order by username");
    }

    public boolean anyAdmin() {
        return count("role = ?1 and enabled = true", "admin") > 0;
    }
}
