package org.fieldcast.access;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/** Embed grants: signed, expiring, revocable permissions to play some cameras in another site's page. */
@ApplicationScoped
public class EmbedGrants {

    /** The embed cookie's name; {@code __Host-}: only ever set by this host, over HTTPS, for every path. */
    public static final String COOKIE = "__Host-fieldcast-embed";

    /** The caller an embed cookie stands for, or empty when it is not (or no longer) valid. */
    public Optional<Caller> verify(String cookie) {
        return Optional.empty();
    }

    /** The CSRF token that requests carrying this embed cookie must echo. */
    public String csrfToken(String cookie) {
        return null;
    }
}
