package org.fieldcast.access;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class SingleSignOnTest {

    @ParameterizedTest
    @ValueSource(strings = {"/", "/index.html", "/index.html?camera=north-1", "/embed.html?camera=a%20b&x=1"})
    void aPathOfThisSiteIsWhereTheLoginEnds(String next) {
        assertEquals(Optional.of(next), SingleSignOn.localPath(next));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"//evil.example", "/\\evil.example", "https://evil.example/", "javascript:alert(1)",
            "index.html", "/a b", "/a\nb", "/api/session/sso/login"})
    void anythingElseIsNot(String next) {
        assertEquals(Optional.empty(), SingleSignOn.localPath(next));
    }
}
