package org.fieldcast.perimeter;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SecurityHeadersTest {
    private final SecurityHeaders headers = new SecurityHeaders(Origins.parse("https://ohvd.example", "k"), Duration.ofDays(365));

    @Test
    void onlyTheEmbedPageMayBeFramedAndOnlyByItsOrigins() {
        assertTrue(headers.policy("/").endsWith("frame-ancestors 'none'"));
        assertTrue(headers.policy("/index.html").endsWith("frame-ancestors 'none'"));
        assertTrue(headers.policy("/api/cameras").endsWith("frame-ancestors 'none'"));
        assertTrue(headers.policy("/embed.html").endsWith("frame-ancestors 'self' https://ohvd.example"));
        assertTrue(new SecurityHeaders(Origins.NONE, Duration.ZERO).policy("/embed.html").endsWith("frame-ancestors 'self'"));
    }

    @Test
    void hstsIsNotForLocalhostOrAddresses() {
        assertTrue(SecurityHeaders.isLocalOrLiteral("localhost"));
        assertTrue(SecurityHeaders.isLocalOrLiteral("cam.localhost"));
        assertTrue(SecurityHeaders.isLocalOrLiteral("10.1.2.3"));
        assertTrue(SecurityHeaders.isLocalOrLiteral("[::1]"));
        assertFalse(SecurityHeaders.isLocalOrLiteral("cameras.example.org"));
        assertFalse(SecurityHeaders.isLocalOrLiteral("10.example"));
    }

    /** Inline script or style would let an injected string run: the policy allows neither. */
    @Test
    void noInlineCodeNoEvalNoForeignSources() {
        String policy = headers.policy("/");
        assertFalse(policy.contains("unsafe-inline"));
        assertFalse(policy.contains("unsafe-eval"));
        assertFalse(policy.contains("*"));
        assertTrue(policy.contains("script-src 'self';"));
        assertTrue(policy.contains("style-src 'self';"));
        assertTrue(policy.contains("object-src 'none'"));
    }
}
