package org.fieldcast.access;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AccessRulesTest {
    private static final Map<String, String> SITES = Map.of("north-1", "north", "south-1", "south");

    private static Caller caller(String who) {
        return switch (who) {
            case "nobody" -> null;
            case "viewer-north" -> Caller.account("v", Caller.Kind.USER, Role.VIEWER, Set.of("north"));
            case "viewer" -> Caller.account("v", Caller.Kind.USER, Role.VIEWER, Set.of());
            case "operator-north" -> Caller.account("o", Caller.Kind.USER, Role.OPERATOR, Set.of("north"));
            case "admin" -> Caller.account("a", Caller.Kind.USER, Role.ADMIN, Set.of());
            case "embed-north-1" -> new Caller("g", Caller.Kind.EMBED, Role.VIEWER, Set.of(), Set.of("north-1"), "g1");
            default -> throw new IllegalArgumentException(who);
        };
    }

    @org.junit.jupiter.api.Test
    void aDecodedLineBreakInAPathIsJustACharacter() {
        assertEquals(0, AccessRules.decide("GET", "/hls/north-1/\r\nX-Injected: 1", caller("viewer-north"),
                c -> Optional.ofNullable(SITES.get(c))).status());
        assertEquals(404, AccessRules.decide("GET", "/api/\r\n", caller("operator-north"),
                c -> Optional.ofNullable(SITES.get(c))).status());
    }

    @ParameterizedTest(name = "{1} {2} by {0}: {3}")
    @CsvSource({
            // pages and probes: anyone
            "nobody,         GET,    /,                                 0",
            "nobody,         GET,    /login.html,                       0",
            "nobody,         GET,    /js/player.js,                     0",
            "nobody,         GET,    /webjars/bootstrap/5.3.8/css/b.css, 0",
            "nobody,         GET,    /health/ready,                     0",
            "nobody,         POST,   /api/session,                      0",
            "nobody,         POST,   /api/embeds/session,               0",
            "nobody,         POST,   /js/player.js,                     401",
            "nobody,         PUT,    /api/session/password,             401",
            "viewer-north,   PUT,    /api/session/password,             0",
            "viewer-north,   POST,   /api/session/password,             404",
            // media: a viewer of the camera's site
            "nobody,         GET,    /hls/north-1/index.m3u8,           401",
            "viewer-north,   GET,    /hls/north-1/index.m3u8,           0",
            "viewer-north,   HEAD,   /hls/north-1/index.m3u8,           0",
            "viewer-north,   GET,    /hls/south-1/index.m3u8,           404",
            "viewer,         GET,    /hls/south-1/p12.m4s,              0",
            "viewer-north,   GET,    /mjpeg/south-1/snapshot.jpg,       404",
            "viewer-north,   GET,    /mjpeg/north-1,                    0",
            "embed-north-1,  GET,    /hls/north-1/index.m3u8,           0",
            "embed-north-1,  GET,    /hls/south-1/index.m3u8,           404",
            "viewer-north,   GET,    /hls/nowhere/index.m3u8,           0",
            "nobody,         GET,    /ws/frames,                        401",
            "nobody,         GET,    /ws/mse,                           401",
            "viewer-north,   GET,    /ws/health,                        0",
            "viewer-north,   GET,    /api/cameras,                      0",
            "viewer-north,   GET,    /api/cameras/south-1,              404",
            "viewer-north,   GET,    /api/cameras/north-1/ptz/position, 0",
            // steering: an operator of the camera's site
            "viewer-north,   POST,   /api/cameras/north-1/ptz/move,     403",
            "operator-north, POST,   /api/cameras/north-1/ptz/move,     0",
            "operator-north, POST,   /api/cameras/south-1/ptz/move,     404",
            "operator-north, POST,   /api/cameras/north-1/alarms/1/set, 0",
            "embed-north-1,  POST,   /api/cameras/north-1/alarms/1/set, 403",
            "viewer-north,   GET,    /ws/cameras/north-1/ptz,           403",
            "operator-north, GET,    /ws/cameras/north-1/ptz,           0",
            "operator-north, GET,    /ws/cameras/south-1/ptz,           404",
            // the admin's: named, and everything not named
            "operator-north, GET,    /api/users,                        403",
            "operator-north, GET,    /api/audit,                        403",
            "operator-north, POST,   /api/tokens,                       403",
            "admin,          DELETE, /api/tokens/abc,                   0",
            "viewer-north,   GET,    /api/cameras/north-1/operator,     0",
            "viewer-north,   GET,    /api/cameras/south-1/operator,     404",
            "operator-north, GET,    /api/problems,                     403",
            "operator-north, GET,    /api/cameras/north-1/route,        403",
            "operator-north, GET,    /metrics,                          403",
            "operator-north, GET,    /openapi,                          403",
            "operator-north, POST,   /api/admin/secrets/encrypt,        403",
            "operator-north, GET,    /api/something-new,                404",
            "operator-north, POST,   /api/embeds,                       403",
            "embed-north-1,  GET,    /api/embeds,                       403",
            "embed-north-1,  DELETE, /api/embeds/g1,                    403",
            "admin,          POST,   /api/embeds,                       0",
            "operator-north, PUT,    /api/cameras/north-1,              404",
            "nobody,         GET,    /metrics,                          401",
            "admin,          GET,    /metrics,                          0",
            "admin,          GET,    /api/something-new,                0",
            "nobody,         GET,    /api/something-new,                401",
            "viewer-north,   GET,    /hls/index.m3u8,                   404",
            "admin,          GET,    /hls/south-1/index.m3u8,           0",
    })
    void theTable(String who, String method, String path, int status) {
        AccessRules.Decision d = AccessRules.decide(method, path, caller(who), c -> Optional.ofNullable(SITES.get(c)));
        assertEquals(status, d.status(), () -> d.message());
    }
}
