package org.tenderhall.identity.api;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.tenderhall.Api.as;

import io.quarkus.test.junit.QuarkusTest;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tenderhall.identity.DemoData;
import org.tenderhall.identity.DemoData.DemoAccount;

@QuarkusTest
class MeResourceTest {

    static Stream<DemoAccount> demoAccounts() {
        return DemoData.ACCOUNTS.stream();
    }

    @ParameterizedTest
    @MethodSource("demoAccounts")
    void every_demo_account_sees_its_role_and_organisation(DemoAccount account) {
        String organisationName = DemoData.ORGANISATIONS.stream()
                .filter(o -> o.code().equals(account.organisation())).findFirst().orElseThrow().name();
        as(account.username()).get("/api/me")
                .then().statusCode(200)
                .body("username", equalTo(account.username()))
                .body("roles", contains(account.role().id()))
                .body("organisation.code", equalTo(account.organisation().value()))
                .body("organisation.name", equalTo(organisationName))
                .body("identityMode", equalTo("embedded"));
    }
}
