package org.fieldcast.secret;

import org.fieldcast.station.AuthMode;

/**
 * What a camera wants to see in its Authorization header, decrypted. Lives only as long as the
 * request or pull that uses it; never printed.
 */
public record Credentials(AuthMode mode, String username, String password) {

    public static final Credentials NONE = new Credentials(AuthMode.NONE, null, null);

    public boolean none() {
        return mode == AuthMode.NONE;
    }

    @Override
    public String toString() {
        // Records print every component; this one must never print the password.
        return "Credentials[" + mode + (none() ? "" : ", user=" + username) + "]";
    }
}
