package org.fieldcast.station;

/**
 * Which cameras a caller may see. The access layer puts one on every authenticated request and
 * WebSocket session (its caller principal implements this), so features below it can filter what
 * they hand out without knowing about users, roles or grants.
 */
public interface CameraScope {

    /** Sees nothing: the scope of a session without a caller. */
    CameraScope NOTHING = (site, camera) -> false;

    /** Sees every camera (the server's own work, tests). */
    CameraScope EVERYTHING = (site, camera) -> true;

    boolean sees(String siteId, String cameraId);

    default boolean sees(CameraConfig camera) {
        return sees(camera.siteId(), camera.id());
    }

    /** The scope carried by a principal, or {@link #NOTHING}. */
    static CameraScope of(java.security.Principal principal) {
        return principal instanceof CameraScope scope ? scope : NOTHING;
    }
}
