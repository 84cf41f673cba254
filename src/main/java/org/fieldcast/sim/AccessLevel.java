package org.fieldcast.sim;

/**
 * Bosch user levels as they appear in the {@code <auth>} element of an rcp.xml reply (RCP+ 6.3).
 * Older firmware names the accounts after their level, so the level follows from the user name.
 */
enum AccessLevel {
    /** No password protection (the Bosch web library's AUTHLEVEL 0). */
    UNPROTECTED(0),
    USER(1),
    SERVICE(2),
    LIVE(3);

    final int code;

    AccessLevel(int code) {
        this.code = code;
    }

    static AccessLevel forUser(String username) {
        if ("service".equals(username)) {
            return SERVICE;
        }
        return "live".equals(username) ? LIVE : USER;
    }

    /** A {@code live} account may only watch; writes (alarms, PTZ) need {@code user} or above. */
    boolean mayControl() {
        return this != LIVE;
    }
}
