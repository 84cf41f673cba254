package org.fieldcast.access;

import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** The admin's management of accounts. Answers never hold a password or its hash. */
@Path("users")
@Produces(MediaType.APPLICATION_JSON)
public class UsersResource {

    @Inject
    UserAccounts accounts;

    @Inject
    AuditLog audit;

    @Context
    HttpServletRequest request;

    /** An account as the admin sees it. */
    public record UserView(String username, String role, List<String> sites, boolean enabled, String updatedAt) {
        static UserView of(UserAccount a) {
            return new UserView(a.username(), a.role().id(), List.copyOf(a.sites()), a.enabled(),
                    a.updatedAt() == null ? null : a.updatedAt().toInstant().toString());
        }
    }

    /**
     * A new account, or changes to one: {@code password} is required for a new one (else kept);
     * {@code sites} absent keeps them (a new account: every site); {@code enabled} absent keeps it (new: true).
     */
    public record UserChange(String password, String role, List<String> sites, Boolean enabled) {
        @Override
        public String toString() {
            return "UserChange[role=" + role + ", sites=" + sites + ", enabled=" + enabled + "]";
        }
    }

    @GET
    @Operation(summary = "Every account: name, role, sites (empty: every site), enabled, last change")
    public List<UserView> list() {
        return accounts.list().stream().map(UserView::of).toList();
    }

    @PUT
    @Path("{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create or change an account",
            description = "{\"password\"?, \"role\", \"sites\"?: [...], \"enabled\"?}; the password is required to create one.")
    @APIResponse(responseCode = "201", description = "Created")
    @APIResponse(responseCode = "200", description = "Changed")
    @APIResponse(responseCode = "400", description = "A bad name, password, role or site")
    @APIResponse(responseCode = "409", description = "It would demote or disable the last enabled admin")
    public Response put(@PathParam("name") String name, UserChange body) {
        UserAccounts.checkName(name);
        if (body == null || body.role() == null) {
            throw new AccessException(400, "an account needs at least \"role\" (viewer, operator or admin)");
        }
        Role role = Role.parse(body.role());
        if (body.password() != null) {
            UserAccounts.checkPassword(body.password());
        }
        Optional<UserAccount> before = accounts.list().stream().filter(a -> a.username().equals(name)).findFirst();
        if (before.isEmpty() && body.password() == null) {
            throw new AccessException(400, "a new account needs \"password\"");
        }
        Set<String> sites = body.sites() != null ? SiteList.fromRequest(body.sites()) : before.map(UserAccount::sites).orElse(Set.of());
        boolean enabled = body.enabled() != null ? body.enabled() : before.map(UserAccount::enabled).orElse(true);
        UserAccount saved = accounts.saveKeepingAnAdmin(name,
                body.password() == null ? null : body.password().toCharArray(), role, sites, enabled);
        Caller admin = (Caller) request.getUserPrincipal();
        if (before.isEmpty()) {
            audit.record(admin, "user-created", null, name, describe(role, sites, enabled), request.getRemoteAddr());
            return Response.status(201).entity(UserView.of(saved)).build();
        }
        audit.record(admin, "user-changed", null, name, changes(before.get(), role, sites, enabled, body.password() != null),
                request.getRemoteAddr());
        return Response.ok(UserView.of(saved)).build();
    }

    @DELETE
    @Path("{name}")
    @Operation(summary = "Remove an account")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "404", description = "No such account")
    @APIResponse(responseCode = "409", description = "It is the last enabled admin")
    public Response delete(@PathParam("name") String name) {
        UserAccounts.checkName(name);
        if (!accounts.deleteKeepingAnAdmin(name)) {
            throw new AccessException(404, "no user '" + name + "'");
        }
        audit.record((Caller) request.getUserPrincipal(), "user-deleted", null, name, null, request.getRemoteAddr());
        return Response.noContent().build();
    }

    private static String describe(Role role, Set<String> sites, boolean enabled) {
        return "role " + role.id() + ", sites " + (sites.isEmpty() ? "all" : String.join(" ", sites)) + (enabled ? "" : ", disabled");
    }

    /** What changed, for the audit line; a new password is mentioned, never shown. */
    private static String changes(UserAccount before, Role role, Set<String> sites, boolean enabled, boolean password) {
        List<String> changed = new ArrayList<>();
        if (before.role() != role) {
            changed.add("role " + before.role().id() + " -> " + role.id());
        }
        if (!before.sites().equals(sites)) {
            changed.add("sites " + (sites.isEmpty() ? "all" : String.join(" ", sites)));
        }
        if (before.enabled() != enabled) {
            changed.add(enabled ? "enabled" : "disabled");
        }
        if (password) {
            changed.add("password set");
        }
        return changed.isEmpty() ? "no change" : String.join(", ", changed);
    }
}
