package org.fieldcast.access;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.WebSocket;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fieldcast.access.AccessRules.Need;
/**
 * The access table as {@link AccessTableIT} expects it, written down independently of
 * {@link AccessRules}: every operation of the OpenAPI document, servlet path, page and socket, who may
 * use it, and what each caller therefore gets. A new endpoint needs a row here (and a rule there).
 */
final class AccessTable {
    static final String SITE_A = "alpha";
    static final String SITE_B = "bravo";
    static final String CAMERA_A = "alpha-ptz";
    static final String CAMERA_B = "bravo-ptz";
    static final String PASSWORD = "access-table-password";
    /** An account the table's user rows create, change and remove: never one of the callers. */
    static final String PROBE_USER = "table-probe";

    /**
     * What each caller gets, from the caller's side: the request did what it asks for (whatever the
     * feature then answered: 200, 204, a 400 for a bad value, a 404 for a preset or segment that does
     * not exist), or it was refused for want of a login (401), of a role (403), or because the camera
     * is outside the caller's sites (404 exactly as for a camera that does not exist).
     */
    enum Outcome {
        ALLOWED, LOG_IN_FIRST, FORBIDDEN, NO_SUCH_CAMERA
    }

    /**
     * One rule: a method and path template (as the OpenAPI document spells it), who may use it, and
     * how to fill it. Path parameters named {@code id} or {@code camera} under a camera path are the
     * caller's target camera; {@code n} is 1; any other is {@link #PROBE_USER}.
     *
     * @param source   OPENAPI: an operation of the document (a row may come before its endpoint: it is
     *                 skipped until the document has it); SERVLET, PAGE or SOCKET: paths outside the document
     * @param query    added to the path, e.g. {@code ?pan=0.2}
     * @param body     a JSON body for POST/PUT, or null
     * @param nobody   what a caller without login gets when that is the feature's own answer (null: as the need says)
     * @param everyone likewise for every caller (null: as the need says)
     */
    record Row(String method, String template, Need need, Source source, String query, String body, Outcome nobody,
               Outcome everyone) {
        Row query(String q) {
            return new Row(method, template, need, source, q, body, nobody, everyone);
        }

        Row body(String json) {
            return new Row(method, template, need, source, query, json, nobody, everyone);
        }

        Row nobodyGets(Outcome o) {
            return new Row(method, template, need, source, query, body, o, everyone);
        }

        Row everyoneGets(Outcome o) {
            return new Row(method, template, need, source, query, body, o, o);
        }

        boolean namesCamera() {
            return CAMERA_PATH.matcher(template).find();
        }

        String key() {
            return method + " " + template;
        }
    }

    enum Source {
        OPENAPI, SERVLET, PAGE, SOCKET
    }

    private static final Pattern CAMERA_PATH = Pattern.compile("^/(api/cameras|hls|mjpeg|ws/cameras)/\\{(id|camera)}");
    private static final Pattern PARAMETER = Pattern.compile("\\{([^}]+)}");

    static Row api(String method, String template, Need need) {
        return new Row(method, template, need, Source.OPENAPI, "", null, null, null);
    }

    static Row servlet(String template, Need need) {
        return new Row("GET", template, need, Source.SERVLET, "", null, null, null);
    }

    static Row page(String template) {
        return new Row("GET", template, Need.ANYONE, Source.PAGE, "", null, null, null);
    }

    static Row socket(String template, Need need) {
        return new Row("GET", template, need, Source.SOCKET, "", null, null, null);
    }

    /** The access table as this test expects it. A new endpoint needs a row here (and a rule in {@link AccessRules}). */
    static final List<Row> ROWS = List.of(
            // Logging in and out: open to everyone; the resource itself answers 401 to "who am I" from nobody.
            // An empty login body is the resource's 400: a real login here would replace the caller's session.
            api("POST", "/api/session", Need.ANYONE).body("{}"),
            api("GET", "/api/session", Need.ANYONE).nobodyGets(Outcome.LOG_IN_FIRST),
            api("DELETE", "/api/session", Need.ANYONE),
            api("GET", "/api/session/sso", Need.ANYONE),

            api("GET", "/api/cameras", Need.VIEWER),
            api("GET", "/api/sites", Need.VIEWER),
            api("GET", "/api/cameras/{id}", Need.VIEWER),
            api("GET", "/api/cameras/{id}/alarms", Need.VIEWER),
            api("GET", "/api/cameras/{id}/alarms/{n}", Need.VIEWER),
            api("GET", "/api/cameras/{id}/ptz/position", Need.VIEWER),
            api("GET", "/api/cameras/{id}/ptz/capabilities", Need.VIEWER),

            api("POST", "/api/cameras/{id}/ptz/move", Need.OPERATOR).query("?pan=0.2&tilt=0&zoom=0"),
            api("POST", "/api/cameras/{id}/ptz/stop", Need.OPERATOR),
            api("POST", "/api/cameras/{id}/ptz/presets/{n}/recall", Need.OPERATOR),
            api("POST", "/api/cameras/{id}/ptz/presets/{n}/store", Need.OPERATOR),
            api("POST", "/api/cameras/{id}/alarms/{n}/set", Need.OPERATOR),
            api("POST", "/api/cameras/{id}/alarms/{n}/clear", Need.OPERATOR),
            api("POST", "/api/cameras/{id}/alarms/{n}/pulse", Need.OPERATOR).query("?millis=200"),

            api("GET", "/api/cameras/{id}/route", Need.ADMIN),
            api("GET", "/api/problems", Need.ADMIN),
            api("GET", "/api/admin/secrets", Need.ADMIN),
            api("POST", "/api/admin/secrets/encrypt", Need.ADMIN).body("{\"site\":\"" + SITE_A + "\",\"password\":\"table-secret\"}"),
            api("POST", "/api/admin/secrets/rewrap", Need.ADMIN),

            // Accounts, tokens and the audit log. The admin's calls create a user and a token; the password
            // change is incomplete (the resource's 400), as a real one would change a caller's password.
            api("PUT", "/api/session/password", Need.VIEWER).body("{\"current\":\"only-half-a-change\"}"),
            api("GET", "/api/cameras/{id}/operator", Need.VIEWER),
            api("GET", "/api/users", Need.ADMIN),
            api("PUT", "/api/users/{name}", Need.ADMIN).body("{\"password\":\"" + PASSWORD + "\",\"role\":\"viewer\",\"sites\":[\"" + SITE_B + "\"]}"),
            api("DELETE", "/api/users/{name}", Need.ADMIN),
            api("GET", "/api/tokens", Need.ADMIN),
            api("POST", "/api/tokens", Need.ADMIN).body("{\"name\":\"" + PROBE_USER + "\",\"role\":\"viewer\",\"sites\":[\"" + SITE_B + "\"]}"),
            api("DELETE", "/api/tokens/{id}", Need.ADMIN),
            api("GET", "/api/audit", Need.ADMIN),
            api("POST", "/api/embeds", Need.ADMIN).body("{\"cameras\":[\"" + CAMERA_B + "\"],\"origins\":[\"https://ohvd.example\"],"
                    + "\"expiresIn\":\"PT1H\",\"viewOnly\":true}"),
            api("GET", "/api/embeds", Need.ADMIN),
            api("DELETE", "/api/embeds/{id}", Need.ADMIN),
            // The embed page's exchange is open to all; a grant not made here is the resource's 401 to anyone.
            api("POST", "/api/embeds/session", Need.ANYONE).body("{\"grant\":\"not-a-grant\"}").everyoneGets(Outcome.LOG_IN_FIRST),

            // The servlets: every file kind of HLS (an init segment long gone is the servlet's own 404), both of MJPEG.
            servlet("/hls/{camera}/index.m3u8", Need.VIEWER),
            servlet("/hls/{camera}/stream.m3u8", Need.VIEWER),
            servlet("/hls/{camera}/init-999999.mp4", Need.VIEWER),
            servlet("/hls/{camera}/seg-999999999.m4s", Need.VIEWER),
            servlet("/mjpeg/{camera}/snapshot.jpg", Need.VIEWER),
            servlet("/mjpeg/{camera}/stream.mjpg", Need.VIEWER),
            servlet("/error", Need.ANYONE),
            // Single sign-on's start and return, outside the document (this server has no provider configured).
            servlet("/api/session/sso/login", Need.ANYONE),
            servlet("/api/session/sso/callback", Need.ANYONE),
            servlet("/health", Need.ANYONE),
            servlet("/health/ready", Need.ANYONE),
            servlet("/health/live", Need.ANYONE),
            servlet("/metrics", Need.ADMIN),
            servlet("/openapi", Need.ADMIN),
            // A path nobody listed: log in first, then a 404 for everyone (only an admin's request goes on).
            servlet("/no-such-page", Need.UNLISTED),

            page("/"),
            page("/index.html"),
            page("/login.html"),
            page("/embed.html"),
            page("/js/dashboard.js"),

            socket("/ws/health", Need.VIEWER),
            socket("/ws/frames", Need.VIEWER),
            socket("/ws/mse", Need.VIEWER),
            socket("/ws/cameras/{camera}/ptz", Need.OPERATOR));

    /**
     * Someone calling, and the camera the table's camera paths name for them.
     *
     * @param role    null for nobody
     * @param cameras the cameras the caller may see (those of its sites, or its embed grant's); empty: all
     */
    record Caller(String name, Role role, Set<String> cameras, String camera, Credentials credentials) {
        Caller on(String otherCamera) {
            return new Caller(name + " on " + otherCamera, role, cameras, otherCamera, credentials);
        }

        /** As this test's table says (not as {@link AccessRules} computes it). */
        Outcome expected(Row row) {
            if (row.everyone() != null) {
                return row.everyone();
            }
            if (row.need() == Need.ANYONE) {
                return role == null && row.nobody() != null ? row.nobody() : Outcome.ALLOWED;
            }
            if (role == null) {
                return Outcome.LOG_IN_FIRST;
            }
            if (row.need() == Need.UNLISTED) {
                // Closed to all but the admin, and answered as a page that does not exist: a 404 either way.
                return Outcome.ALLOWED;
            }
            if (!role.includes(roleFor(row.need()))) {
                return Outcome.FORBIDDEN;
            }
            if (row.namesCamera() && !cameras.isEmpty() && !cameras.contains(camera)) {
                return Outcome.NO_SUCH_CAMERA;
            }
            return Outcome.ALLOWED;
        }
    }

    static Role roleFor(Need need) {
        return switch (need) {
            case VIEWER -> Role.VIEWER;
            case OPERATOR -> Role.OPERATOR;
            case ADMIN -> Role.ADMIN;
            case ANYONE, UNLISTED -> throw new IllegalArgumentException(need + " needs no role");
        };
    }

    /** How a caller proves who it is; a session's can be renewed for the row that logs out. */
    interface Credentials {
        void addTo(HttpRequest.Builder request, boolean stateChanging);

        void addTo(WebSocket.Builder socket);

        default Credentials fresh() throws IOException {
            return this;
        }
    }

    static String fill(Row row, Caller caller) {
        Matcher m = PARAMETER.matcher(row.template());
        StringBuilder path = new StringBuilder();
        boolean first = true;
        while (m.find()) {
            String value = first && row.namesCamera() ? caller.camera() : m.group(1).equals("n") ? "1" : PROBE_USER;
            m.appendReplacement(path, value);
            first = false;
        }
        m.appendTail(path);
        return path.toString();
    }

    /** What came back: a status and the start of the body. */
    record Answer(int status, String body) {
        Outcome outcome(String camera) {
            return switch (status) {
                case 401 -> Outcome.LOG_IN_FIRST;
                case 403 -> Outcome.FORBIDDEN;
                // The access filter's answer for a camera outside the caller's sites; the features say the
                // same only for a camera that does not exist, and the table names only cameras that do.
                case 404 -> body.contains("no camera '" + camera + "'") ? Outcome.NO_SUCH_CAMERA : Outcome.ALLOWED;
                default -> Outcome.ALLOWED;
            };
        }

        @Override
        public String toString() {
            String text = body.replaceAll("\\s+", " ");
            return status + " " + (text.length() > 160 ? text.substring(0, 160) + "..." : text);
        }
    }

    private AccessTable() {
    }
}
