package org.fieldcast.web;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Payara's log lines grouped into records and kinds: a record starts with
 * {@code [date] [] [LEVEL] [id] [logger] ... message}, or is a line a thread printed on its own
 * ({@code Exception in thread ...}); its kind is the logger and the start of its message, without
 * numbers, so that "3 more" and "7 more" are one kind.
 */
final class LogRecords {
    private static final Pattern RECORD = Pattern.compile("^\\[\\d{4}-\\d\\d-\\d\\dT[^]]*] \\[[^]]*] \\[([^]]*)] \\[[^]]*] \\[([^]]*)](.*)$");
    private static final Pattern COLOR = Pattern.compile("\\x1B?\\[[0-9;]*m");

    private LogRecords() {
    }

    static Map<String, Integer> countByKind(List<String> lines) {
        Map<String, Integer> kinds = new TreeMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = COLOR.matcher(lines.get(i)).replaceAll("");
            Matcher m = RECORD.matcher(line);
            String kind = null;
            if (m.matches()) {
                String message = m.group(3).replaceAll("\\[tid: [^]]*]|\\[timeMillis: [^]]*]|\\[levelValue: [^]]*]", "").strip();
                if ((message.isEmpty() || message.equals("[[")) && i + 1 < lines.size()) {
                    message = lines.get(i + 1).strip(); // a multi-line record: its message starts on the next line
                }
                kind = m.group(2) + ": " + shorten(message);
            } else if (line.startsWith("Exception in thread")) {
                kind = "stderr: " + shorten(line.replaceFirst("\"[^\"]*\"", "\"…\""));
            }
            if (kind != null) {
                kinds.merge(kind, 1, Integer::sum);
            }
        }
        return kinds;
    }

    private static String shorten(String message) {
        String s = message.replaceAll("\\d+", "N");
        return s.length() > 60 ? s.substring(0, 60) : s;
    }
}
