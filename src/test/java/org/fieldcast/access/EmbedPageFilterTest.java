package org.fieldcast.access;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class EmbedPageFilterTest {
    private static final String POLICY = "default-src 'self'; object-src 'none'; frame-ancestors 'self' https://configured.example";

    @Test
    void theGrantsOriginsReplaceTheConfiguredOnes() {
        assertEquals("default-src 'self'; object-src 'none'; frame-ancestors https://ohvd.example http://127.0.0.1:8080",
                EmbedPageFilter.withFrameAncestors(POLICY, "https://ohvd.example http://127.0.0.1:8080"));
    }

    @Test
    void aDirectiveAfterFrameAncestorsIsKept() {
        assertEquals("frame-ancestors https://a.example; base-uri 'none'",
                EmbedPageFilter.withFrameAncestors("frame-ancestors 'none'; base-uri 'none'", "https://a.example"));
    }

    @Test
    void aPolicyWithoutTheDirectiveGetsIt() {
        assertEquals("default-src 'self'; frame-ancestors https://a.example",
                EmbedPageFilter.withFrameAncestors("default-src 'self'", "https://a.example"));
    }
}
