package org.fieldcast.web;

import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What every answer to hostile input must be: no 5xx; an error in the one shape
 * {@code {"status":N,"error":"..."}} with N the HTTP status; and nothing in any body that only our
 * code could have written (a stack frame, a Java class or package, the container's error page).
 * Collects findings rather than failing at the first, so one run lists them all.
 */
final class AnswerChecks {
    /** Written by a JVM or a container, never by us for a client. */
    static final Pattern LEAK = Pattern.compile("\\bat [\\w$.]+\\([\\w$]*\\.java:\\d+\\)|\\b(java|javax|jakarta|jdk|sun)\\.[a-z]+\\.[a-zA-Z]"
            + "|\\borg\\.(fieldcast|glassfish|eclipse|jboss|apache|h2)\\.|\\bfish\\.payara\\.|\\bcom\\.sun\\."
            + "|\\b[A-Z][A-Za-z]*(Exception|Error)\\b|Payara|Grizzly|Error report|<html|jdbc:|/usr/|/tmp/");

    private final List<String> findings = Collections.synchronizedList(new ArrayList<>());
    private int answers;

    /** @param body the answer's bytes; media (video, pictures) is not looked into */
    void check(String what, int status, String contentType, byte[] body, boolean headRequest) {
        synchronized (this) {
            answers++;
        }
        if (status >= 500) {
            findings.add(what + ": " + status + " " + excerpt(body));
            return;
        }
        String type = contentType == null ? "" : contentType.toLowerCase();
        boolean media = type.startsWith("video/") || type.startsWith("image/") || type.startsWith("multipart/");
        String text = media ? "" : new String(body, StandardCharsets.UTF_8);
        if (status >= 400 && !headRequest) {
            String problem = shapeProblem(status, text);
            if (problem != null) {
                findings.add(what + ": " + status + " " + problem + ": " + excerpt(body));
                return;
            }
        }
        boolean ourAnswer = status >= 400 || type.contains("json") || type.contains("mpegurl");
        Matcher leak = LEAK.matcher(text);
        if (ourAnswer && leak.find()) {
            findings.add(what + ": " + status + " says '" + leak.group() + "': " + excerpt(body));
        }
    }

    void add(String finding) {
        findings.add(finding);
    }

    /** Null when the text is the one error shape for this status. */
    static String shapeProblem(int status, String text) {
        JsonObject o;
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            o = reader.readObject();
        } catch (RuntimeException e) {
            return "body is not a JSON object";
        }
        if (!o.keySet().equals(java.util.Set.of("status", "error"))) {
            return "fields " + o.keySet() + " are not status and error";
        }
        if (!(o.get("status") instanceof JsonNumber n) || n.intValue() != status) {
            return "status field " + o.get("status") + " is not " + status;
        }
        if (!(o.get("error") instanceof JsonString s) || s.getString().isBlank()) {
            return "error is not a text";
        }
        return null;
    }

    /** What was found since the last call. */
    List<String> drain() {
        synchronized (findings) {
            List<String> all = List.copyOf(findings);
            findings.clear();
            return all;
        }
    }

    synchronized int answers() {
        return answers;
    }

    static String excerpt(byte[] body) {
        String s = new String(body, 0, Math.min(body.length, 200), StandardCharsets.UTF_8).replaceAll("\\s+", " ");
        return body.length > 200 ? s + "…" : s;
    }
}
