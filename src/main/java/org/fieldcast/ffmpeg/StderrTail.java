package org.fieldcast.ffmpeg;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The last lines ffmpeg wrote to stderr, kept as the evidence of why it failed. Credentials are
 * removed as lines arrive, so no copy of them is ever kept. Written on Jaffree's reader thread,
 * read by whoever reports the run.
 */
public final class StderrTail {
    private static final Pattern URL_CREDENTIALS = Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*://)[^/\\s:@]*:[^/\\s@]*@");
    private static final Pattern PROGRESS = Pattern.compile("^(frame|size)=\\s*\\S+.*time=.*");
    private static final int LINES = 20;

    private final Deque<String> lines = new ArrayDeque<>();

    public synchronized void add(String line) {
        if (line == null || line.isBlank() || PROGRESS.matcher(line).matches()) {
            return; // progress reports say nothing about failures
        }
        if (lines.size() == LINES) {
            lines.removeFirst();
        }
        lines.addLast(sanitise(line.strip()));
    }

    public synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    /** The most telling line: the last one that looks like an error, else the last one. */
    public synchronized String reason() {
        return lines.stream().filter(StderrTail::looksLikeError).reduce((a, b) -> b)
                .orElse(lines.isEmpty() ? null : lines.getLast());
    }

    public static String sanitise(String line) {
        return URL_CREDENTIALS.matcher(line).replaceAll("$1***@");
    }

    private static boolean looksLikeError(String line) {
        String l = line.toLowerCase();
        return l.contains("error") || l.contains("refused") || l.contains("unauthorized") || l.contains("not found")
                || l.contains("timed out") || l.contains("invalid") || l.contains("failed") || l.contains("no route");
    }
}
