package org.fieldcast.camera;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLException;
import org.fieldcast.station.CameraConfig;

/**
 * The one HTTP transport to cameras' web interfaces, for snapshots and RCP+ alike: where to connect
 * ({@link #base}), authentication ({@link CameraAuthorization}: none, Basic sent at once, or whatever
 * the camera's 401 challenge asks for), TLS trust ({@link PinnedCertificate}), cookies and timeouts.
 * Built on the JDK's HttpClient: one shared client for plain HTTP, and one per HTTPS camera, since
 * each trusts only its own camera's certificate.
 */
public final class CameraHttp implements CameraTransport {
    private final Executor executor;
    private final Duration timeout;
    private final boolean trustOnFirstUse;
    private final EndpointCookies cookies = new EndpointCookies();
    private final HttpClient plain;
    private final Map<String, CameraConnection> connections = new ConcurrentHashMap<>();

    /**
     * @param executor        where the clients' callbacks run (the container's managed executor in Fieldcast)
     * @param timeout         for requests that name none (snapshots)
     * @param trustOnFirstUse accept and pin the first certificate of an HTTPS camera that has no pin
     */
    public CameraHttp(Executor executor, Duration timeout, boolean trustOnFirstUse) {
        this.executor = executor;
        this.timeout = timeout;
        this.trustOnFirstUse = trustOnFirstUse;
        this.plain = builder().build();
    }

    /**
     * The HTTPS rule, for every request to a camera: HTTPS whenever the camera (as reached) has an
     * HTTPS port, plain HTTP only when it has none. Credentials never go in the clear to a camera that
     * offers TLS; whether its certificate is trusted is {@link PinnedCertificate}'s decision, which
     * refuses with a reason an operator can act on rather than falling back to HTTP.
     */
    public static URI base(CameraConfig camera) {
        return camera.httpsBase().orElse(camera.httpBase());
    }

    /** {@link #get(CameraConfig, String, Duration)} with the transport's own timeout. */
    public CompletableFuture<CameraAnswer> get(CameraConfig camera, String pathAndQuery) {
        return get(camera, pathAndQuery, timeout);
    }

    @Override
    public CompletableFuture<CameraAnswer> get(CameraConfig camera, String pathAndQuery, Duration timeout) {
        CameraConnection connection = connection(camera);
        URI uri = connection.base().resolve(pathAndQuery);
        String target = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        CameraAuthorization auth = connection.auth();
        String first = auth.header("GET", target).orElse(null); // Basic needs no challenge: no round trip lost
        return send(connection, uri, first, timeout)
                .thenCompose(r -> r.statusCode() == 401 && auth.challenged(r.headers().allValues("WWW-Authenticate"), first)
                        ? send(connection, uri, auth.header("GET", target).orElseThrow(), timeout)
                        : CompletableFuture.completedFuture(r))
                .handle((r, failure) -> {
                    if (failure != null) {
                        throw new CompletionException(failed(camera, connection, uri, failure, timeout));
                    }
                    return answer(camera, auth, r);
                });
    }

    /** The camera's current JPEG ({@code /snap.jpg}), checked to be one. */
    public CompletableFuture<byte[]> snapshot(CameraConfig camera) {
        return get(camera, "snap.jpg").thenApply(r -> {
            byte[] body = r.body();
            if (r.status() != 200) {
                throw new CameraHttpException("camera '" + camera.id() + "' answered HTTP " + r.status() + " to snap.jpg");
            }
            if (body.length < 4 || (body[0] & 0xFF) != 0xFF || (body[1] & 0xFF) != 0xD8) {
                throw new CameraHttpException("camera '" + camera.id() + "' did not answer a JPEG to snap.jpg ("
                        + body.length + " bytes)");
            }
            return body;
        });
    }

    /** Drops what is kept for cameras that were removed. */
    public void forget(Collection<String> cameraIds) {
        cameraIds.forEach(connections::remove);
    }

    /**
     * One connection per camera, kept while it is reached the same way with the same credentials, so
     * the Digest nonce, the session cookie and a certificate trusted on first use carry over.
     */
    private CameraConnection connection(CameraConfig camera) {
        return connections.compute(camera.id(), (id, held) -> held != null && held.isFor(camera) ? held : open(camera));
    }

    private CameraConnection open(CameraConfig camera) {
        CameraConnection.Basis basis = CameraConnection.Basis.of(camera);
        CameraAuthorization auth = new CameraAuthorization(camera.authMode(), camera.username(), camera.password());
        if (!"https".equals(basis.base().getScheme())) {
            return new CameraConnection(basis, basis.base(), plain, auth, null);
        }
        PinnedCertificate trust = new PinnedCertificate(camera.id(), camera.tlsFingerprint(), trustOnFirstUse);
        return new CameraConnection(basis, basis.base(), builder().sslContext(trust.sslContext()).build(), auth, trust);
    }

    /**
     * No connect timeout of its own: each request's timeout runs from the moment it is sent, connecting
     * included, so one number bounds the whole request.
     */
    private HttpClient.Builder builder() {
        return HttpClient.newBuilder().executor(executor).cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1); // cameras speak HTTP/1.x; no h2c upgrade attempts
    }

    private CompletableFuture<HttpResponse<byte[]>> send(CameraConnection connection, URI uri, String authorization,
            Duration timeout) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(timeout).GET();
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return connection.client().sendAsync(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static CameraAnswer answer(CameraConfig camera, CameraAuthorization auth, HttpResponse<byte[]> r) {
        if (r.statusCode() == 401) {
            throw new CameraHttpException(auth.hasCredentials()
                    ? "camera '" + camera.id() + "' refused the credentials of user '" + camera.username() + "' (HTTP 401)"
                    : "camera '" + camera.id() + "' asks for a login, but no credentials are configured for it");
        }
        return new CameraAnswer(r.statusCode(), r.body());
    }

    /** The failure as an operator can act on it; the I/O failure stays the cause, which marks "never answered". */
    private static CameraHttpException failed(CameraConfig camera, CameraConnection connection, URI uri, Throwable failure,
            Duration timeout) {
        Throwable e = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        String id = camera.id();
        if (e instanceof CameraHttpException known) {
            return known;
        }
        if (e instanceof HttpTimeoutException) {
            return new CameraHttpException("camera '" + id + "' did not answer within " + timeout.toMillis() + " ms", e);
        }
        if (e instanceof SSLException || e.getCause() instanceof SSLException) {
            String why = connection.certificateRejection() != null ? connection.certificateRejection() : e.getMessage();
            return new CameraHttpException("TLS with camera '" + id + "' failed: " + why, e);
        }
        if (e instanceof ConnectException) {
            return new CameraHttpException("cannot connect to camera '" + id + "' at " + uri.getAuthority(), e);
        }
        if (e instanceof IOException) {
            return new CameraHttpException("the connection to camera '" + id + "' at " + uri.getAuthority() + " failed: " + e, e);
        }
        return new CameraHttpException("a request to camera '" + id + "' failed: " + e, e);
    }
}
