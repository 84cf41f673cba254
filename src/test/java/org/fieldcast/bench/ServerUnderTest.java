package org.fieldcast.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.fieldcast.testing.FieldcastServer;
/** Boots the real Fieldcast (the built WAR on Payara Micro) on a farm's cameras, without the demo site. */
final class ServerUnderTest {
    private ServerUnderTest() {
    }

    static FieldcastServer boot(CameraFarm farm, Map<String, String> settings) {
        long start = System.nanoTime();
        FieldcastServer server = FieldcastServer.start(environment(farm, settings));
        System.out.printf("Fieldcast up in %.1f s at %s %s%n", (System.nanoTime() - start) / 1e9, server.baseUri(), settings);
        return server;
    }

    /** The same for another build: a checkout with its own {@code target/fieldcast.war}, e.g. a baseline's. */
    static FieldcastServer bootBuild(CameraFarm farm, Map<String, String> settings, Path checkout) {
        long start = System.nanoTime();
        FieldcastServer server = FieldcastServer.ofBuild(checkout, environment(farm, settings));
        System.out.printf("Fieldcast of %s up in %.1f s at %s %s%n", checkout, (System.nanoTime() - start) / 1e9, server.baseUri(), settings);
        return server;
    }

    private static Map<String, String> environment(CameraFarm farm, Map<String, String> settings) {
        Map<String, String> env = new HashMap<>();
        env.put("FIELDCAST_DEMO_ENABLED", "false");
        env.put("FIELDCAST_STATIONS_FILE", farm.stationFile().toAbsolutePath().toString());
        env.putAll(settings);
        return env;
    }

    /**
     * Serves plain HTTP/1.1 from loopback as if a TLS-terminating proxy on this machine had sent it, a real
     * deployment mode: the Java load generators stay on the lean {@link LoopbackHttp} client (no TLS on
     * the generator's share of the two cores), so their figures stay comparable with the earlier ones.
     */
    static Map<String, String> behindLoopbackProxy() {
        return Map.of("FIELDCAST_HTTP_TRUSTED_PROXIES", "127.0.0.1");
    }

    /** A path on the plain-HTTP port, which {@link #behindLoopbackProxy()} serves instead of redirecting. */
    static URI viaProxy(FieldcastServer server, String path) {
        return server.plainUri(path);
    }

    /**
     * Lets the probe page read Fieldcast's media and open its sockets: the page comes from the benchmark's
     * own web server, another origin, and Fieldcast grants CORS only to origins it is told of.
     */
    static Map<String, String> allowingPagesOf(BenchSite site) {
        String origin = site.baseUri().toString();
        return Map.of("FIELDCAST_HTTP_ALLOWED_ORIGINS", origin.substring(0, origin.length() - 1));
    }

    /** Waits until the camera API reports the state (e.g. LIVE, IDLE); false after the timeout. */
    static boolean awaitState(FieldcastServer server, String camera, String state, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (state(server, camera).equals(state)) {
                return true;
            }
            Processes.sleep(200);
        }
        return false;
    }

    static String state(FieldcastServer server, String camera) {
        try {
            String body = server.get("api/cameras/" + camera).body();
            int at = body.indexOf("\"state\":\"");
            return at < 0 ? "?" : body.substring(at + 9, body.indexOf('"', at + 9));
        } catch (IOException e) {
            return "?";
        }
    }

    /** The pull ffmpeg processes of the server, with the camera each reads. */
    static List<ProcessHandle> pulls(FieldcastServer server) {
        return server.ffmpegProcesses();
    }
}
