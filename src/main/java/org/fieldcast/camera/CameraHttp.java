package org.fieldcast.camera;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.fieldcast.station.AuthMode;
import org.fieldcast.station.CameraConfig;
/**
 * GET requests to a camera's web interface with its authentication ({@link CameraAuthorization}: none,
 * Basic sent at once, or whatever the camera's 401 challenge asks for). HTTPS only with a pinned certificate. Built on
 * the JDK's HttpClient, one client for plain HTTP and one per pinned certificate.
 */
public final class CameraHttp {
    private final Executor executor;
    private final Duration timeout;
    private final HttpClient plain;
    private final Map<String, HttpClient> pinned = new ConcurrentHashMap<>();
    private final Map<String, HeldAuthorization> authorizations = new ConcurrentHashMap<>();

    /** A camera's authorization with the credentials it was made for. */
    private record HeldAuthorization(AuthMode mode, String username, String password, CameraAuthorization auth) {
        boolean isFor(CameraConfig camera) {
            return mode == camera.authMode() && Objects.equals(username, camera.username())
                    && Objects.equals(password, camera.password());
        }
    }

    /** @param executor where the client's callbacks run (the container's managed executor in Fieldcast) */
    public CameraHttp(Executor executor, Duration timeout) {
        this.executor = executor;
        this.timeout = timeout;
        this.plain = builder().build();
    }

    /** The camera's base URI: HTTPS when it has a port and a pinned certificate for it, else HTTP. */
    public static URI base(CameraConfig camera) {
        return camera.tlsFingerprint() != null ? camera.httpsBase().orElse(camera.httpBase()) : camera.httpBase();
    }

    /** GET {@code pathAndQuery} (e.g. {@code snap.jpg}) relative to the camera's base, authenticated. */
    public CompletableFuture<HttpResponse<byte[]>> get(CameraConfig camera, String pathAndQuery) {
        URI uri = base(camera).resolve(pathAndQuery);
        HttpClient client = client(camera, uri);
        String target = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        CameraAuthorization auth = authorization(camera);
        String first = auth.header("GET", target).orElse(null); // Basic needs no challenge: no round trip lost
        return client.sendAsync(request(uri, first), HttpResponse.BodyHandlers.ofByteArray())
                .thenCompose(r -> r.statusCode() == 401 && auth.challenged(r.headers().allValues("WWW-Authenticate"), first)
                        ? answered(client, camera, uri, auth.header("GET", target).orElseThrow())
                        : CompletableFuture.completedFuture(r))
                .exceptionally(e -> {
                    throw new CompletionException(new CameraHttpException(describe(uri, e), e));
                });
    }

    /** The camera's current JPEG ({@code /snap.jpg}), checked to be one. */
    public CompletableFuture<byte[]> snapshot(CameraConfig camera) {
        return get(camera, "snap.jpg").thenApply(r -> {
            byte[] body = r.body();
            if (r.statusCode() != 200) {
                throw new CameraHttpException("snap.jpg answered HTTP " + r.statusCode());
            }
            if (body.length < 4 || (body[0] & 0xFF) != 0xFF || (body[1] & 0xFF) != 0xD8) {
                throw new CameraHttpException("snap.jpg did not answer a JPEG (" + body.length + " bytes)");
            }
            return body;
        });
    }

    /**
     * One authorization per camera, kept while its credentials stay the same: the Digest nonce of the
     * last challenge is reused with a rising count, so a snapshot costs one round trip instead of a
     * challenge and an answer (a slow link's snapshot fallback polls every second).
     */
    private CameraAuthorization authorization(CameraConfig camera) {
        return authorizations.compute(camera.id(), (id, held) -> held != null && held.isFor(camera) ? held
                : new HeldAuthorization(camera.authMode(), camera.username(), camera.password(),
                        new CameraAuthorization(camera.authMode(), camera.username(), camera.password()))).auth();
    }

    private CompletableFuture<HttpResponse<byte[]>> answered(HttpClient client, CameraConfig camera, URI uri, String authorization) {
        return client.sendAsync(request(uri, authorization), HttpResponse.BodyHandlers.ofByteArray()).thenApply(r -> {
            if (r.statusCode() == 401) {
                throw new CameraHttpException("the camera refused the credentials of user '" + camera.username() + "'");
            }
            return r;
        });
    }

    private HttpClient client(CameraConfig camera, URI uri) {
        if (!"https".equals(uri.getScheme())) {
            return plain;
        }
        return pinned.computeIfAbsent(camera.tlsFingerprint(),
                pin -> builder().sslContext(new PinnedCertificate(camera.id(), pin).sslContext()).build());
    }

    private HttpClient.Builder builder() {
        return HttpClient.newBuilder().executor(executor).connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_1_1);
    }

    private HttpRequest request(URI uri, String authorization) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(timeout).GET();
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return b.build();
    }

    private static String describe(URI uri, Throwable e) {
        Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        if (cause instanceof CameraHttpException) {
            return cause.getMessage();
        }
        String what = cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
        return uri.getScheme() + "://" + uri.getHost() + ":" + uri.getPort() + uri.getPath() + " failed: " + what;
    }
}
