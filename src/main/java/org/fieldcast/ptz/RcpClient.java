package org.fieldcast.ptz;

import java.io.IOException;
import java.net.ConnectException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLException;
import org.fieldcast.camera.CameraAuthorization;
import org.fieldcast.camera.PinnedCertificate;
import org.fieldcast.station.CameraConfig;
/**
 * RCP+ over CGI to one camera: {@code GET /rcp.xml?...} over HTTPS when the camera has an HTTPS port,
 * else HTTP; authenticated as {@link CameraAuthorization} decides; the reply parsed, and an RCP+
 * {@code <err>} (which arrives as HTTP 200, RCP+ 1.5) turned into a {@link CameraCommandException}.
 * Sends what it is given at once: pacing is the {@link CameraCommandQueue}'s job.
 */
public final class RcpClient {
    private final String cameraId;
    private final String rcpBase;
    private final HttpClient http;
    private final Duration timeout;
    private final CameraAuthorization auth;
    private final PinnedCertificate trust;

    private RcpClient(String cameraId, URI base, HttpClient http, Duration timeout, CameraAuthorization auth,
            PinnedCertificate trust) {
        this.cameraId = cameraId;
        this.rcpBase = base.resolve("rcp.xml").toString();
        this.http = http;
        this.timeout = timeout;
        this.auth = auth;
        this.trust = trust;
    }

    /**
     * @param executor runs the HTTP client's completions (a managed executor inside the server)
     */
    public static RcpClient forCamera(CameraConfig camera, Duration timeout, boolean trustOnFirstUse, Executor executor) {
        HttpClient.Builder b = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1) // cameras speak HTTP/1.x; no h2c upgrade attempts
                .connectTimeout(timeout)
                .cookieHandler(new CookieManager()) // Bosch grants the session cookie the same level (RCP+ 6.1)
                .executor(executor);
        PinnedCertificate trust = null;
        Optional<URI> https = camera.httpsBase();
        if (https.isPresent()) {
            trust = new PinnedCertificate(camera.id(), camera.tlsFingerprint(), trustOnFirstUse);
            b.sslContext(trust.sslContext());
        }
        return new RcpClient(camera.id(), https.orElse(camera.httpBase()), b.build(), timeout,
                new CameraAuthorization(camera.authMode(), camera.username(), camera.password()), trust);
    }

    /** Sends one command; completes with the reply, or exceptionally with a {@link CameraException}. */
    public CompletableFuture<RcpReply> send(RcpCommand command) {
        URI uri = URI.create(rcpBase + "?" + command.query());
        return attempt(command, uri, uri.getRawPath() + "?" + uri.getRawQuery(), true);
    }

    private CompletableFuture<RcpReply> attempt(RcpCommand command, URI uri, String target, boolean mayRetry) {
        Optional<String> authorization = auth.header("GET", target);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).GET();
        authorization.ifPresent(value -> request.header("Authorization", value));
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString())
                .handle((response, failure) -> {
                    if (failure != null) {
                        throw translate(failure);
                    }
                    if (response.statusCode() == 401 && mayRetry
                            && auth.challenged(response.headers().allValues("WWW-Authenticate"), authorization.orElse(null))) {
                        return attempt(command, uri, target, false);
                    }
                    return CompletableFuture.completedFuture(reply(command, response));
                })
                .thenCompose(next -> next);
    }

    private RcpReply reply(RcpCommand command, HttpResponse<String> response) {
        int status = response.statusCode();
        if (status == 401) {
            throw new CameraException(auth.hasCredentials()
                    ? "camera '" + cameraId + "' refused the configured credentials (HTTP 401)"
                    : "camera '" + cameraId + "' asks for a login, but no credentials are configured for it");
        }
        if (status != 200) {
            throw new CameraException("camera '" + cameraId + "' answered HTTP " + status + " to rcp.xml");
        }
        RcpReply reply;
        try {
            reply = RcpReply.parse(response.body());
        } catch (IllegalArgumentException e) {
            throw new CameraException("camera '" + cameraId + "' sent a reply that is not RCP+: " + e.getMessage(), e);
        }
        if (reply.failed()) {
            throw new CameraCommandException("camera '" + cameraId + "' refused " + command.describe() + ": "
                    + RcpError.describe(reply.error().getAsInt()));
        }
        return reply;
    }

    private RuntimeException translate(Throwable failure) {
        Throwable e = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (e instanceof HttpTimeoutException) {
            return new CameraTimeoutException("camera '" + cameraId + "' did not answer within "
                    + timeout.toMillis() + " ms", e);
        }
        if (e instanceof SSLException || e.getCause() instanceof SSLException) {
            String why = trust != null && trust.lastRejection() != null ? trust.lastRejection() : e.getMessage();
            return new CameraException("TLS with camera '" + cameraId + "' failed: " + why, e);
        }
        if (e instanceof ConnectException) {
            return new CameraException("cannot connect to camera '" + cameraId + "' at " + URI.create(rcpBase).getAuthority(), e);
        }
        if (e instanceof IOException) {
            return new CameraException("the connection to camera '" + cameraId + "' failed: " + e, e);
        }
        return e instanceof RuntimeException r ? r : new CompletionException(e);
    }
}
