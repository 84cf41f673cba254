package org.fieldcast.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Guards the admin endpoints with one bearer token from configuration. Without a token configured
 * they do not exist (404), so a server nobody set up exposes nothing.
 */
@ApplicationScoped
public class AdminToken {

    /** The bearer token of {@code /api/admin/...}; unset (the default) disables those endpoints. */
    @Inject
    @ConfigProperty(name = "fieldcast.admin.token")
    Optional<String> token;

    /** Why a request may not pass; 401 answers carry a Bearer challenge. */
    record Refusal(int status, String message) {
    }

    /** Null when the request may pass. */
    Refusal check(String authorization) {
        String expected = token.map(String::strip).filter(t -> !t.isEmpty()).orElse(null);
        if (expected == null) {
            return new Refusal(404, "admin endpoints are disabled: set fieldcast.admin.token to enable them");
        }
        String given = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? authorization.substring(7).strip() : "";
        // Constant time: the comparison must not tell how much of a guess was right.
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8))) {
            return new Refusal(401, "a valid bearer token is required");
        }
        return null;
    }
}
