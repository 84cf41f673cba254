package org.fieldcast.testing;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * A login's session as a test holds it: the session cookie and the CSRF token, sent with each
 * request the way the dashboard sends them (the cookie on every request, the token on state changes).
 */
public final class LoggedIn {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private final FieldcastServer server;
    private final String cookie;
    private final String csrfToken;
    private final JsonObject session;

    private LoggedIn(FieldcastServer server, String cookie, String csrfToken, JsonObject session) {
        this.server = server;
        this.cookie = cookie;
        this.csrfToken = csrfToken;
        this.session = session;
    }

    static LoggedIn as(FieldcastServer server, String username, String password) throws IOException {
        String body = Json.createObjectBuilder().add("username", username).add("password", password).build().toString();
        HttpResponse<String> answer = send(HttpRequest.newBuilder(server.uri("/api/session"))
                .header("Content-Type", "application/json").header("Origin", server.origin())
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        if (answer.statusCode() != 200) {
            throw new IOException("login as " + username + " answered " + answer.statusCode() + ": " + answer.body());
        }
        String cookie = sessionCookie(answer.headers().allValues("set-cookie"));
        JsonObject session = Json.createReader(new StringReader(answer.body())).readObject();
        return new LoggedIn(server, cookie, session.getString("csrfToken"), session);
    }

    /** {@code name=value} of the session cookie in a login's answer. */
    static String sessionCookie(List<String> setCookies) throws IOException {
        return setCookies.stream().filter(c -> c.startsWith("__Host-fieldcast-session=")).map(c -> c.split(";", 2)[0])
                .findFirst().orElseThrow(() -> new IOException("no session cookie in " + setCookies));
    }

    public String cookie() {
        return cookie;
    }

    public String csrfToken() {
        return csrfToken;
    }

    public JsonObject session() {
        return session;
    }

    /** A request with this session's cookie (and its own origin, as a page of the dashboard sends it). */
    public HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(server.uri(path)).timeout(Duration.ofSeconds(30))
                .header("Cookie", cookie).header("Origin", server.origin());
    }

    public HttpResponse<String> get(String path) throws IOException {
        return send(request(path).GET().build());
    }

    /** A state change, with the CSRF token. */
    public HttpResponse<String> post(String path, String json) throws IOException {
        return send(request(path).header("X-CSRF-Token", csrfToken).header("Content-Type", "application/json")
                .POST(json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json)).build());
    }

    public HttpResponse<String> delete(String path) throws IOException {
        return send(request(path).header("X-CSRF-Token", csrfToken).DELETE().build());
    }

    public static HttpResponse<String> send(HttpRequest request) throws IOException {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    public URI uri(String path) {
        return server.uri(path);
    }
}
