package org.fieldcast.gateway;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.fieldcast.secret.CameraCredentials;
import org.fieldcast.secret.Credentials;
import org.fieldcast.station.CameraConfig;
import org.fieldcast.station.PortProtocol;
/**
 * The camera as Fieldcast reaches it, for code that talks to the camera over HTTP or HTTPS
 * (snapshots, RCP+): a copy of its configuration with the host and ports of its endpoints (its own
 * when it is dialled directly, its outermost gateway's public side otherwise) and its password
 * decrypted. Every route through a gateway chain ends at the outermost gateway, so one host serves
 * all protocols. The copy holds a plain password: use it for one request or connection and drop it.
 */
@ApplicationScoped
public class CameraAccess {

    @Inject
    CameraRoutes routes;

    @Inject
    CameraCredentials credentials;

    protected CameraAccess() {
        // for CDI
    }

    /** Camera access outside the container (tests). */
    public CameraAccess(CameraRoutes routes, CameraCredentials credentials) {
        this.routes = routes;
        this.credentials = credentials;
    }

    /**
     * @throws UnreachableCameraException when the gateways have no mapping for the camera's HTTP port
     * @throws org.fieldcast.secret.SecretException when its password does not decrypt
     */
    public CameraConfig reached(CameraConfig camera) {
        Endpoint http = routes.endpoint(camera, PortProtocol.HTTP);
        int httpsPort = 0;
        if (camera.httpsPort() != 0) {
            try {
                httpsPort = routes.endpoint(camera, PortProtocol.HTTPS).port();
            } catch (UnreachableCameraException noHttpsMapping) {
                // HTTP only then: the missing mapping is reported with the station problems
            }
        }
        int rtspPort = camera.rtspPort();
        try {
            rtspPort = routes.endpoint(camera, PortProtocol.RTSP).port();
        } catch (UnreachableCameraException noRtspMapping) {
            // HTTP users do not need it; the pull reports it
        }
        Credentials c = credentials.of(camera);
        return new CameraConfig(camera.id(), camera.name(), camera.siteId(), camera.siteName(), camera.type(),
                camera.model(), http.host(), rtspPort, http.port(), httpsPort, camera.tlsFingerprint(), camera.rtspPath(),
                camera.authMode(), c.username() == null ? camera.username() : c.username(), c.password(),
                camera.enabled(), camera.alwaysOn(), null, java.util.List.of(), camera.videoMode(), camera.audioMode());
    }

    /** A connection to the camera failed: its route is chosen again on next use. */
    public void failed(String cameraId) {
        routes.failed(cameraId);
    }
}
