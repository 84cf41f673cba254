package org.fieldcast.sim;

import java.util.Locale;
import java.util.Map;

/**
 * One {@code rcp.xml} query (RCP+ 1.2), as far as it could be understood. Unparseable parts stay
 * visible (command -1, type null) so the reply can still echo the request and name the error.
 *
 * @param num the 1-based line, input or alarm number; 1 when absent (a one-line camera)
 */
record RcpRequest(String commandText, int command, String typeText, RcpType type, boolean write, int num,
        String payload, String idstring) {

    static RcpRequest fromQuery(Map<String, String> query) {
        String commandText = query.getOrDefault("command", "");
        String typeText = query.getOrDefault("type", "");
        // A missing direction reads: Perl clients misspell the parameter and still work (RCP+ 1.2).
        boolean write = "WRITE".equalsIgnoreCase(query.getOrDefault("direction", "READ").trim());
        return new RcpRequest(commandText, parseNumber(commandText), typeText, RcpType.parse(typeText), write,
                Math.max(parseNumber(query.getOrDefault("num", "1")), 0), query.get("payload"), query.get("idstring"));
    }

    String direction() {
        return write ? "WRITE" : "READ";
    }

    /** {@code 0x0a8b} in either case, or decimal; -1 when neither. */
    static int parseNumber(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        try {
            if (t.startsWith("0x")) {
                return Integer.parseInt(t.substring(2), 16);
            }
            return t.isEmpty() ? -1 : Integer.parseInt(t);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
