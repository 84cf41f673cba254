package org.fieldcast.access;

import jakarta.security.enterprise.CallerPrincipal;
import java.util.Set;
import org.fieldcast.station.CameraScope;
/**
 * Who is calling, as the container knows it after {@link FieldcastAuthentication}: a name, how they
 * proved it, their role, and the sites (or, for an embed grant, the cameras) they are limited to.
 * It is the request's and the WebSocket session's user principal, so every feature reaches the
 * caller's {@link CameraScope} through {@code getUserPrincipal()}.
 */
public final class Caller extends CallerPrincipal implements CameraScope {
    private static final long serialVersionUID = 1L;

    /** How the caller proved who they are. */
    public enum Kind {
        /** A username and password of the station database's accounts. */
        USER,
        /** An OpenID Connect provider. */
        SSO,
        /** An API token. */
        TOKEN,
        /** An embed grant, exchanged for a cookie by the embed page. */
        EMBED,
        /** Nobody: the role given to every request by {@code fieldcast.access.anonymous-role}. */
        ANONYMOUS;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final Kind kind;
    private final Role role;
    private final Set<String> sites;
    private final Set<String> cameras;
    private final String credentialId;

    /**
     * @param sites        the sites this caller is limited to; empty: every site
     * @param cameras      the cameras this caller is limited to; empty: every camera of its sites
     * @param credentialId the token's or grant's id, to check its revocation; null for accounts
     */
    public Caller(String name, Kind kind, Role role, Set<String> sites, Set<String> cameras, String credentialId) {
        super(name);
        this.kind = kind;
        this.role = role;
        this.sites = Set.copyOf(sites);
        this.cameras = Set.copyOf(cameras);
        this.credentialId = credentialId;
    }

    public static Caller account(String name, Kind kind, Role role, Set<String> sites) {
        return new Caller(name, kind, role, sites, Set.of(), null);
    }

    public Kind kind() {
        return kind;
    }

    public Role role() {
        return role;
    }

    public Set<String> sites() {
        return sites;
    }

    public Set<String> cameras() {
        return cameras;
    }

    public String credentialId() {
        return credentialId;
    }

    public boolean may(Role needed) {
        return role.includes(needed);
    }

    @Override
    public boolean sees(String siteId, String cameraId) {
        return (sites.isEmpty() || sites.contains(siteId)) && (cameras.isEmpty() || cameras.contains(cameraId));
    }

    @Override
    public String toString() {
        return kind.id() + " " + getName() + " (" + role.id() + (sites.isEmpty() ? "" : ", sites " + sites)
                + (cameras.isEmpty() ? "" : ", cameras " + cameras) + ")";
    }
}
