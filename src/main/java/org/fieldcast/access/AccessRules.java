package org.fieldcast.access;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who may use which path: one ordered table, first match wins, and a path no rule names is open to
 * an admin only (anyone else gets a 404, as for a page that does not exist). Camera paths also need the camera to be in the
 * caller's sites (or grant); a camera the caller may not see answers exactly as a camera that does
 * not exist, so a viewer cannot list another site's cameras by probing.
 * <p>
 * The access table integration test walks every endpoint, servlet and socket against this table.
 */
public final class AccessRules {

    /** What a request needs. */
    public enum Need {
        /** Anyone, logged in or not: pages, scripts, login, health probes. */
        ANYONE,
        VIEWER,
        OPERATOR,
        ADMIN,
        /**
         * A path no rule names: only an admin reaches it (who then sees the container's answer, e.g. a
         * 404); anyone else gets 404 as for a page that does not exist (401 before a login), so an
         * endpoint that forgot its rule stays closed.
         */
        UNLISTED
    }

    /** One row: methods (empty: any), a path pattern whose group "camera" names a camera, and the need. */
    record Rule(Set<String> methods, Pattern path, Need need) {
        static Rule of(String methods, String regex, Need need) {
            // DOTALL: a decoded path may hold line breaks, which "." must match like any other character.
            return new Rule(methods.isEmpty() ? Set.of() : Set.of(methods.split(",")), Pattern.compile(regex, Pattern.DOTALL), need);
        }

        boolean matches(String method, String p) {
            return (methods.isEmpty() || methods.contains(method)) && path.matcher(p).matches();
        }
    }

    private static final String READ = "GET,HEAD";
    private static final String CAMERA = "(?<camera>[^/]+)";

    static final List<Rule> TABLE = List.of(
            // Static pages and their scripts hold no data; the dashboard asks /api/session who is there.
            Rule.of(READ, "/|/index\\.html|/login\\.html|/embed\\.html|/favicon\\.svg", Need.ANYONE),
            Rule.of(READ, "/(css|js|vendor|webjars)/.*", Need.ANYONE),
            // Probes say only UP or DOWN.
            Rule.of(READ, "/health(/live|/ready|/started)?", Need.ANYONE),
            // Logging in, asking who one is, logging out (the resource answers 401 to nobody).
            Rule.of("GET,POST,DELETE", "/api/session", Need.ANYONE),
            Rule.of("GET", "/api/session/sso(/.*)?", Need.ANYONE),
            // Changing one's own password (the resource checks the current one).
            Rule.of("PUT", "/api/session/password", Need.VIEWER),
            // The embed page exchanges its grant for a cookie.
            Rule.of("POST", "/api/embeds/session", Need.ANYONE),
            Rule.of("", "/error", Need.ANYONE),

            // Media and what viewers watch.
            Rule.of(READ, "/hls/" + CAMERA + "/.*", Need.VIEWER),
            Rule.of(READ, "/mjpeg/" + CAMERA + "(/.*)?", Need.VIEWER),
            Rule.of("GET", "/ws/frames|/ws/mse|/ws/health", Need.VIEWER),
            Rule.of(READ, "/api/cameras|/api/sites", Need.VIEWER),
            Rule.of(READ, "/api/cameras/" + CAMERA, Need.VIEWER),
            Rule.of(READ, "/api/cameras/" + CAMERA + "/(ptz/position|ptz/capabilities|alarms(/[^/]+)?|operator)", Need.VIEWER),

            // Steering.
            Rule.of("POST", "/api/cameras/" + CAMERA + "/(ptz|alarms)/.+", Need.OPERATOR),
            Rule.of("GET", "/ws/cameras/" + CAMERA + "/ptz", Need.OPERATOR),

            // The admin's: accounts, tokens, grants, the audit trail, camera secrets, station problems,
            // a camera's route (internal addresses), metrics, the API's description.
            Rule.of("", "/api/(users|tokens|embeds|audit|admin)(/.*)?", Need.ADMIN),
            Rule.of(READ, "/api/problems|/api/cameras/" + CAMERA + "/route", Need.ADMIN),
            Rule.of(READ, "/metrics(/.*)?|/openapi(/.*)?", Need.ADMIN),

            Rule.of("", "/.*", Need.UNLISTED));

    private AccessRules() {
    }

    /** The outcome for one request. */
    public record Decision(int status, String message) {
        static final Decision ALLOW = new Decision(0, null);

        public boolean allowed() {
            return status == 0;
        }
    }

    /** The row for a request, and the camera it names if any. */
    public record Match(Need need, Optional<String> camera) {
    }

    public static Match match(String method, String path) {
        String m = "HEAD".equals(method) ? "GET" : method;
        for (Rule rule : TABLE) {
            if (rule.matches(m, path) || rule.matches(method, path)) {
                Matcher matcher = rule.path().matcher(path);
                matcher.matches();
                Optional<String> camera = rule.path().pattern().contains("?<camera>")
                        ? Optional.ofNullable(matcher.group("camera")) : Optional.empty();
                return new Match(rule.need(), camera);
            }
        }
        throw new IllegalStateException("the last rule matches every path");
    }

    /**
     * @param caller     null when nobody is logged in
     * @param siteOfCamera the site of a camera, empty for a camera that does not exist
     */
    public static Decision decide(String method, String path, Caller caller, Function<String, Optional<String>> siteOfCamera) {
        Match match = match(method, path);
        if (match.need() == Need.ANYONE) {
            return Decision.ALLOW;
        }
        if (caller == null) {
            return new Decision(401, "log in first");
        }
        if (match.need() == Need.UNLISTED && !caller.may(Role.ADMIN)) {
            return new Decision(404, "no such page");
        }
        if (!caller.may(roleFor(match.need()))) {
            return new Decision(403, "this needs the " + roleFor(match.need()).id() + " role; " + caller.getName()
                    + " has the " + caller.role().id() + " role");
        }
        if (match.camera().isPresent()) {
            String camera = match.camera().get();
            Optional<String> site = siteOfCamera.apply(camera);
            // An unknown camera is the feature's own 404; one outside the caller's scope looks the same.
            if (site.isPresent() && !caller.sees(site.get(), camera)) {
                return new Decision(404, "no camera '" + camera + "'");
            }
        }
        return Decision.ALLOW;
    }

    static Role roleFor(Need need) {
        return switch (need) {
            case VIEWER -> Role.VIEWER;
            case OPERATOR -> Role.OPERATOR;
            case ADMIN, ANYONE, UNLISTED -> Role.ADMIN;
        };
    }
}
