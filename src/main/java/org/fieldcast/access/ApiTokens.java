package org.fieldcast.access;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** API tokens of machine clients, sent as {@code Authorization: Bearer}. */
@ApplicationScoped
public class ApiTokens {

    /**
     * A bearer token with the admin role from configuration, for provisioning before any account
     * exists (and scripts of the deployment). Default: none. Prefer tokens made with {@code POST /api/tokens}.
     */
    @Inject
    @ConfigProperty(name = "fieldcast.admin.token")
    Optional<String> configured;

    /** The caller a bearer secret stands for, or empty when it is no (longer a) valid token. */
    public Optional<Caller> verify(String secret) {
        String expected = configured.map(String::strip).filter(t -> !t.isEmpty()).orElse(null);
        if (expected != null && Secrets.same(expected, secret)) {
            return Optional.of(Caller.account("configured-admin-token", Caller.Kind.TOKEN, Role.ADMIN, Set.of()));
        }
        return Optional.empty();
    }
}
