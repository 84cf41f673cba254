package org.fieldcast.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ErrorPageServletTest {

    @Test
    void aMethodNoServletKnowsIsNotAllowedRatherThanNotImplemented() {
        assertEquals(405, ErrorPageServlet.shownStatus(501));
        assertEquals(405, ErrorPageServlet.shownStatus(405));
        assertEquals(404, ErrorPageServlet.shownStatus(404));
    }

    @Test
    void anErrorPageIsAlwaysAnError() {
        assertEquals(500, ErrorPageServlet.shownStatus(200));
        assertEquals(500, ErrorPageServlet.shownStatus(0));
        assertEquals(500, ErrorPageServlet.shownStatus(999));
        assertEquals(503, ErrorPageServlet.shownStatus(503));
    }

    @Test
    void messagesAreOurWordsAndQuoteOnlyAMethodName() {
        assertEquals("method PATCH not allowed here", ErrorPageServlet.messageFor(405, "PATCH"));
        assertEquals("method not allowed here", ErrorPageServlet.messageFor(405, "F<script>"));
        assertEquals("internal error; see the server log", ErrorPageServlet.messageFor(500, "GET"));
        assertEquals("request refused (418)", ErrorPageServlet.messageFor(418, "GET"));
    }
}
