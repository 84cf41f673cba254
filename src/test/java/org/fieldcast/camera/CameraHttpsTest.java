package org.fieldcast.camera;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.fieldcast.sim.CameraCertificate;
import org.fieldcast.station.AuthMode;
import org.fieldcast.station.CameraConfig;
import org.fieldcast.station.CameraType;

/**
 * The HTTPS rule (HTTPS whenever the camera has an HTTPS port, plain HTTP only when it has none) and
 * the trust it then needs, against a camera serving the simulator's self-signed certificate.
 */
class CameraHttpsTest {
    private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xD9};
    private static final String PIN = "ab".repeat(32);
    private static final AtomicInteger served = new AtomicInteger();
    private static HttpsServer camera;
    private static CameraCertificate certificate;
    private static int closedHttpPort;

    @ParameterizedTest(name = "http {0}, https {1}, pin {2} -> {3}")
    @CsvSource(nullValues = "-", value = {
            "80,   0,    -,   http://127.0.0.1:80/",
            "80,   443,  -,   https://127.0.0.1:443/",  // no pin: still HTTPS; the CAs or trust on first use decide
            "80,   443,  pin, https://127.0.0.1:443/",
            "8080, 0,    pin, http://127.0.0.1:8080/",  // a pin without an HTTPS port changes nothing
            "80,   8443, -,   https://127.0.0.1:8443/"})
    void httpsWheneverTheCameraHasAnHttpsPort(int httpPort, int httpsPort, String pin, String base) {
        assertEquals(URI.create(base), CameraHttp.base(camera(httpPort, httpsPort, pin == null ? null : PIN)));
    }

    @BeforeAll
    static void start(@TempDir Path folder) throws Exception {
        certificate = CameraCertificate.selfSigned(folder, "https-cam");
        camera = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        camera.setHttpsConfigurator(new HttpsConfigurator(tls(certificate)));
        camera.createContext("/snap.jpg", exchange -> {
            served.incrementAndGet();
            exchange.sendResponseHeaders(200, JPEG.length);
            exchange.getResponseBody().write(JPEG);
            exchange.close();
        });
        camera.start();
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedHttpPort = s.getLocalPort(); // plain HTTP would fail: the snapshot shows it took HTTPS
        }
    }

    @AfterAll
    static void stop() {
        camera.stop(0);
    }

    @Test
    void thePinnedCertificateIsTrusted() throws Exception {
        byte[] jpeg = http(false).snapshot(https(certificate.fingerprint())).get(10, TimeUnit.SECONDS);
        assertEquals(JPEG.length, jpeg.length);
    }

    @Test
    void aWrongPinIsRefusedBeforeAnythingIsSentAndCountsAsUnreachable() {
        int before = served.get();
        CameraHttpException e = failure(http(false), https(PIN));
        assertTrue(e.getMessage().contains("is pinned for it"), e.getMessage());
        assertTrue(e.unreachable(), "TLS refused: the route may be chosen again");
        assertEquals(before, served.get(), "nothing reached the camera");
    }

    @Test
    void withoutAPinTheSelfSignedCertificateIsRefusedWithWhatToDo() {
        CameraHttpException e = failure(http(false), https(null));
        assertTrue(e.getMessage().contains("pin it as the camera's tlsFingerprint or switch on fieldcast.camera.trust-on-first-use"),
                e.getMessage());
    }

    @Test
    void trustOnFirstUseAcceptsItWithoutAPin() throws Exception {
        assertEquals(JPEG.length, http(true).snapshot(https(null)).get(10, TimeUnit.SECONDS).length);
    }

    private static CameraHttpException failure(CameraHttp http, CameraConfig config) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> http.snapshot(config).get(10, TimeUnit.SECONDS));
        return assertInstanceOf(CameraHttpException.class, e.getCause());
    }

    private static CameraHttp http(boolean trustOnFirstUse) {
        return new CameraHttp(Runnable::run, Duration.ofSeconds(10), trustOnFirstUse);
    }

    private static CameraConfig https(String pin) {
        return camera(closedHttpPort, camera.getAddress().getPort(), pin);
    }

    private static CameraConfig camera(int httpPort, int httpsPort, String pin) {
        return new CameraConfig("cam", "Camera", "site", "Site", CameraType.FIXED, null, "127.0.0.1", 554,
                httpPort, httpsPort, pin, "/", AuthMode.NONE, null, null, true, false);
    }

    private static SSLContext tls(CameraCertificate c) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(c.keyStore())) {
            ks.load(in, c.password().toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, c.password().toCharArray());
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        return ctx;
    }
}
