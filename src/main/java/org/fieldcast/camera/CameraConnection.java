package org.fieldcast.camera;

import java.net.URI;
import java.net.http.HttpClient;
import org.fieldcast.station.AuthMode;
import org.fieldcast.station.CameraConfig;

/**
 * What Fieldcast keeps per camera between requests: where its web interface is, its authorization
 * (a Digest nonce is reused with a rising count, so a request costs one round trip) and the client to
 * send with, over HTTPS one of its own that trusts this camera's certificate. Made again when what it
 * was made from changes: the route, the credentials or the pin.
 *
 * @param trust null over plain HTTP
 */
record CameraConnection(Basis basis, URI base, HttpClient client, CameraAuthorization auth, PinnedCertificate trust) {

    /** What a connection is made from. Holds the password: compared, never shown. */
    record Basis(URI base, String pin, AuthMode mode, String username, String password) {
        static Basis of(CameraConfig camera) {
            return new Basis(CameraHttp.base(camera), camera.tlsFingerprint(), camera.authMode(), camera.username(),
                    camera.password());
        }

        @Override
        public String toString() {
            return "Basis[" + base + "]";
        }
    }

    boolean isFor(CameraConfig camera) {
        return basis.equals(Basis.of(camera));
    }

    /** Why the camera's certificate was last refused, or null. */
    String certificateRejection() {
        return trust == null ? null : trust.lastRejection();
    }
}
