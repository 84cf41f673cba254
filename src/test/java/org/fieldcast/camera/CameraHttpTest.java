package org.fieldcast.camera;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.fieldcast.station.AuthMode;
import org.fieldcast.station.CameraConfig;
import org.fieldcast.station.CameraType;

/** Snapshots from a camera that asks for Digest: the challenge is answered once, then its nonce reused. */
class CameraHttpTest {
    private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xD9};
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private HttpServer camera;

    @BeforeEach
    void start() throws IOException {
        camera = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        camera.createContext("/snap.jpg", exchange -> {
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            authorizations.add(String.valueOf(authorization));
            // Any Digest answer to our nonce will do here: the hash itself is CameraAuthorizationTest's subject.
            if (authorization == null || !authorization.contains("nonce=\"n1\"")) {
                exchange.getResponseHeaders().add("WWW-Authenticate", "Digest realm=\"cam\", nonce=\"n1\", algorithm=MD5, qop=\"auth\"");
                exchange.sendResponseHeaders(401, -1);
            } else {
                exchange.sendResponseHeaders(200, JPEG.length);
                exchange.getResponseBody().write(JPEG);
            }
            exchange.close();
        });
        camera.start();
    }

    @AfterEach
    void stop() {
        camera.stop(0);
    }

    @Test
    void aDigestCameraIsChallengedOnceAndLaterSnapshotsTakeOneRoundTrip() throws Exception {
        CameraHttp http = new CameraHttp(Runnable::run, Duration.ofSeconds(5), false);
        for (int i = 0; i < 3; i++) {
            assertEquals(JPEG.length, http.snapshot(config("secret")).get(5, TimeUnit.SECONDS).length);
        }
        assertEquals(4, authorizations.size(), "one challenge, then three answered requests: " + authorizations);
        assertEquals("null", authorizations.get(0));
        assertTrue(authorizations.get(3).contains("nc=00000003"), authorizations.get(3));
    }

    @Test
    void newCredentialsStartOver() throws Exception {
        CameraHttp http = new CameraHttp(Runnable::run, Duration.ofSeconds(5), false);
        http.snapshot(config("old")).get(5, TimeUnit.SECONDS);
        http.snapshot(config("new")).get(5, TimeUnit.SECONDS);
        assertEquals(4, authorizations.size(), "the changed password is challenged afresh: " + authorizations);
    }

    private CameraConfig config(String password) {
        return new CameraConfig("cam", "Camera", "site", "Site", CameraType.FIXED, null, "127.0.0.1", 554,
                camera.getAddress().getPort(), 0, null, "/", AuthMode.DIGEST, "service", password, true, false);
    }
}
