package org.fieldcast.access;

import java.io.Serializable;
import java.time.Instant;

/** What a logged-in HTTP session holds: who, since when, and the token its state-changing requests must echo. */
record SessionLogin(Caller caller, String csrfToken, Instant since) implements Serializable {
    static final String ATTRIBUTE = "fieldcast.login";

    /** The same login, counted from now: the session that changed its own password stays. */
    SessionLogin renewed() {
        return new SessionLogin(caller, csrfToken, Instant.now());
    }

    SessionLogin withCaller(Caller refreshed) {
        return new SessionLogin(refreshed, csrfToken, since);
    }
}
