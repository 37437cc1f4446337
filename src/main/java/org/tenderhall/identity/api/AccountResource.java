package org.tenderhall.identity.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.tenderhall.identity.AccountService;
import org.tenderhall.identity.CurrentUser;
import org.tenderhall.identity.domain.PasswordHash;
import org.tenderhall.identity.domain.ValidCreditCode;
import org.tenderhall.identity.store.Account;
import org.tenderhall.kernel.OrgCode;
import org.tenderhall.kernel.Role;
import org.tenderhall.platform.problem.ProblemType;
import org.tenderhall.platform.problem.Rejection;

/** Accounts of the embedded identity mode, managed by an admin. In oidc mode Keycloak manages them. */
@Path("/api/accounts")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.Names.ADMIN)
public class AccountResource {

    static final String USERNAME = "[a-z0-9][a-z0-9._-]{2,63}";

    public record CreateAccount(
            @NotNull @Pattern(regexp = USERNAME, message = "3 to 64 of a-z, 0-9, '.', '_', '-', starting with a letter or digit") String username,
            @NotBlank @Size(max = 200) String displayName,
            @NotNull @Size(min = PasswordHash.MIN_LENGTH, max = 72) String password,
            @NotNull @Pattern(regexp = "agent|bidder|expert|guarantor|supervisor|admin") String role,
            @NotNull @ValidCreditCode String organisation) {
    }

    public record ResetPassword(@NotNull @Size(min = PasswordHash.MIN_LENGTH, max = 72) String password) {
    }

    public record AccountView(String username, String displayName, String role, String organisation, boolean enabled,
            Instant createdAt) {
        static AccountView of(Account a) {
            return new AccountView(a.username, a.displayName, a.role, a.organisation, a.enabled, a.createdAt);
        }
    }

    @Inject
    AccountService accounts;

    @Inject
    CurrentUser user;

    @POST
    public Response create(@NotNull @Valid CreateAccount command) {
        Account account = accounts.create(user.actingAs(Role.ADMIN), command.username(), command.displayName(),
                command.password(), Role.fromId(command.role()).orElseThrow(), new OrgCode(command.organisation()));
        return Response.created(URI.create("/api/accounts/" + account.username)).entity(AccountView.of(account))
                .build();
    }

    @GET
    public List<AccountView> list() {
        return accounts.list().stream().map(AccountView::of).toList();
    }

    @GET
    @Path("{username}")
    public AccountView get(@PathParam("username") String username) {
        return accounts.find(username).map(AccountView::of)
                .orElseThrow(() -> new Rejection(ProblemType.NOT_FOUND, "No account named '" + username + "'."));
    }

    @POST
    @Consumes(MediaType.WILDCARD) // no body: any content type, or none
    @Path("{username}/disable")
    public AccountView disable(@PathParam("username") String username) {
        return AccountView.of(accounts.setEnabled(user.actingAs(Role.ADMIN), username, false));
    }

    @POST
    @Consumes(MediaType.WILDCARD) // no body: any content type, or none
    @Path("{username}/enable")
    public AccountView enable(@PathParam("username") String username) {
        return AccountView.of(accounts.setEnabled(user.actingAs(Role.ADMIN), username, true));
    }

    @POST
    @Path("{username}/password")
    public AccountView resetPassword(@PathParam("username") String username, @NotNull @Valid ResetPassword command) {
        return AccountView.of(accounts.resetPassword(user.actingAs(Role.ADMIN), username, command.password()));
    }
}
