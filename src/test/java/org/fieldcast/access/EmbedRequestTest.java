package org.fieldcast.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What an admin may ask for in a grant, and the 400s for everything else. */
class EmbedRequestTest {
    private static final Instant NOW = Instant.parse("2026-12-06T08:00:00Z");
    private static final Set<String> CAMERAS = Set.of("demo-fixed-1", "demo-ptz-1");

    private static EmbedRequest parse(String json) {
        JsonObject body = Json.createReader(new StringReader(json.replace('\'', '"'))).readObject();
        return EmbedRequest.parse(body, NOW, Duration.ofDays(365), 3, CAMERAS::contains);
    }

    private static String refusal(String json) {
        AccessException e = assertThrows(AccessException.class, () -> parse(json));
        assertEquals(400, e.status());
        return e.getMessage();
    }

    @Test
    void aGrantForOneCameraAndOneSite() {
        EmbedRequest r = parse("{'cameras':['demo-fixed-1'],'origins':['https://OHVD.example:443'],'expiresIn':'PT12H'}");
        assertEquals(Set.of("demo-fixed-1"), r.cameras());
        assertEquals(List.of("https://ohvd.example"), r.origins());
        assertEquals(NOW.plus(Duration.ofHours(12)), r.expiresAt());
        assertTrue(r.viewOnly(), "view-only unless said otherwise");
    }

    @Test
    void anExpiryAtATimeAndSteering() {
        EmbedRequest r = parse("{'cameras':['demo-ptz-1'],'origins':['http://127.0.0.1:8080'],"
                + "'expiresAt':'2027-01-01T00:00:00Z','viewOnly':false}");
        assertEquals(Instant.parse("2027-01-01T00:00:00Z"), r.expiresAt());
        assertEquals(false, r.viewOnly());
    }

    @Test
    void everyMistakeIsNamed() {
        String ok = "'origins':['https://ohvd.example'],'expiresIn':'PT1H'";
        assertTrue(refusal("{'cameras':['nope']," + ok + "}").contains("no camera 'nope'"));
        assertTrue(refusal("{'cameras':[]," + ok + "}").contains("'cameras' must be a list"));
        assertTrue(refusal("{'cameras':'demo-fixed-1'," + ok + "}").contains("'cameras' must be a list"));
        assertTrue(refusal("{'cameras':['a','b','c','d']," + ok + "}").contains("1 to 3"));
        String cams = "'cameras':['demo-fixed-1'],";
        assertTrue(refusal("{" + cams + "'origins':['http://ohvd.example'],'expiresIn':'PT1H'}").contains("HTTPS"));
        assertTrue(refusal("{" + cams + "'origins':['*'],'expiresIn':'PT1H'}").contains("not an origin"));
        assertTrue(refusal("{" + cams + "'origins':['https://ohvd.example/page'],'expiresIn':'PT1H'}").contains("not an origin"));
        assertTrue(refusal("{" + cams + "'origins':[],'expiresIn':'PT1H'}").contains("'origins'"));
        assertTrue(refusal("{" + cams + "'origins':['https://ohvd.example']}").contains("either"));
        assertTrue(refusal("{" + cams + "'origins':['https://ohvd.example'],'expiresIn':'PT1H','expiresAt':'2027-01-01T00:00:00Z'}")
                .contains("either"));
        assertTrue(refusal("{" + cams + "'origins':['https://ohvd.example'],'expiresIn':'tomorrow'}").contains("ISO-8601"));
        assertTrue(refusal("{" + cams + "'origins':['https://ohvd.example'],'expiresIn':'-PT1H'}").contains("future"));
        assertTrue(refusal("{" + cams + "'origins':['https://ohvd.example'],'expiresAt':'2026-01-01T00:00:00Z'}").contains("future"));
        assertTrue(refusal("{" + cams + "'origins':['https://ohvd.example'],'expiresIn':'P400D'}").contains("at most"));
        assertTrue(refusal("{" + cams + ok + ",'viewOnly':'yes'}").contains("true or false"));
        assertTrue(refusal("{" + cams + ok + ",'role':'admin'}").contains("unknown field 'role'"));
    }
}
