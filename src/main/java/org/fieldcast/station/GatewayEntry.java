package org.fieldcast.station;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One gateway entry of a station file, read and validated on its own, like a {@link CameraEntry}:
 * either it yields a {@link GatewayDefinition}, or messages that name the entry and the field.
 */
final class GatewayEntry {

    private static final Set<String> FIELDS = Set.of("id", "name", "publicHost", "parent", "portMappings");
    private static final Set<String> MAPPING_FIELDS = Set.of("protocol", "innerHost", "innerPort", "outerPort");

    private final String subject;
    private final List<String> errors = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private GatewayDefinition definition;

    GatewayEntry(String siteSubject, int number, JsonValue value) {
        String prefix = siteSubject + " gateway #" + number;
        if (!(value instanceof JsonObject json)) {
            subject = prefix;
            errors.add("must be an object, was " + value.getValueType());
            return;
        }
        EntryReader reader = new EntryReader(json);
        String id = reader.string("id", null);
        subject = id == null ? prefix : prefix + " (" + CameraDefinition.quoted(id) + ")";
        String name = reader.string("name", id);
        String publicHost = reader.string("publicHost", null);
        String parent = reader.string("parent", null);
        errors.addAll(reader.errors());
        if (!reader.failed("id") && (id == null || !CameraDefinition.ID.matcher(id).matches())) {
            errors.add("id must match " + CameraDefinition.ID.pattern() + ", was " + CameraDefinition.quoted(id));
        }
        if (!reader.failed("publicHost") && (publicHost == null || publicHost.isBlank()
                || publicHost.chars().anyMatch(Character::isWhitespace))) {
            errors.add("publicHost must be non-empty and without spaces, was " + CameraDefinition.quoted(publicHost));
        }
        if (parent != null && !CameraDefinition.ID.matcher(parent).matches()) {
            errors.add("parent must match " + CameraDefinition.ID.pattern() + ", was " + CameraDefinition.quoted(parent));
        }
        if (parent != null && parent.equals(id)) {
            errors.add("parent must be another gateway, was the gateway itself");
        }
        checkLengths(name, publicHost);
        List<PortForward> forwards = readMappings(json.get("portMappings"));
        json.keySet().stream().filter(key -> !FIELDS.contains(key))
                .forEach(key -> warnings.add("unknown field '" + key + "' ignored"));
        definition = errors.isEmpty() ? new GatewayDefinition(id, name, publicHost, parent, forwards) : null;
    }

    private void checkLengths(String name, String publicHost) {
        List<CameraDefinition.Violation> found = new ArrayList<>();
        CameraDefinition.checkLength("name", name, CameraDefinition.NAME_MAX, found);
        CameraDefinition.checkLength("publicHost", publicHost, CameraDefinition.HOST_MAX, found);
        found.forEach(violation -> errors.add(violation.message()));
    }

    private List<PortForward> readMappings(JsonValue value) {
        List<PortForward> forwards = new ArrayList<>();
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return forwards;
        }
        if (!(value instanceof JsonArray array)) {
            errors.add("portMappings must be an array, was " + value.getValueType());
            return forwards;
        }
        Set<Integer> outerPorts = new HashSet<>();
        for (int i = 0; i < array.size(); i++) {
            PortForward forward = readMapping(i + 1, array.get(i));
            if (forward != null && !outerPorts.add(forward.outerPort())) {
                errors.add("port mapping #" + (i + 1) + ": outerPort " + forward.outerPort() + " is mapped twice");
            } else if (forward != null) {
                forwards.add(forward);
            }
        }
        return forwards;
    }

    private PortForward readMapping(int number, JsonValue value) {
        String at = "port mapping #" + number + ": ";
        if (!(value instanceof JsonObject json)) {
            errors.add(at + "must be an object, was " + value.getValueType());
            return null;
        }
        EntryReader reader = new EntryReader(json);
        String protocolName = reader.string("protocol", null);
        String innerHost = reader.string("innerHost", null);
        int innerPort = reader.port("innerPort", 0);
        int outerPort = reader.port("outerPort", 0);
        List<String> found = new ArrayList<>(reader.errors());
        PortProtocol protocol = PortProtocol.of(protocolName).orElse(null);
        if (protocol == null && !reader.failed("protocol")) {
            found.add("protocol must be one of rtsp, http, https, was " + CameraDefinition.quoted(protocolName));
        }
        if (!reader.failed("innerHost") && (innerHost == null || innerHost.isBlank()
                || innerHost.chars().anyMatch(Character::isWhitespace) || innerHost.length() > CameraDefinition.HOST_MAX)) {
            found.add("innerHost must be non-empty, without spaces, at most " + CameraDefinition.HOST_MAX
                    + " characters, was " + CameraDefinition.quoted(innerHost));
        }
        if (innerPort == 0 && !reader.failed("innerPort")) {
            found.add("innerPort is required");
        }
        if (outerPort == 0 && !reader.failed("outerPort")) {
            found.add("outerPort is required");
        }
        json.keySet().stream().filter(key -> !MAPPING_FIELDS.contains(key))
                .forEach(key -> warnings.add(at + "unknown field '" + key + "' ignored"));
        found.forEach(message -> errors.add(at + message));
        return found.isEmpty() ? new PortForward(protocol, innerHost, innerPort, outerPort) : null;
    }

    String subject() {
        return subject;
    }

    /** The gateway to import, or null when the entry is invalid and skipped. */
    GatewayDefinition definition() {
        return definition;
    }

    List<StationProblem> problems(String source) {
        List<StationProblem> problems = new ArrayList<>();
        errors.forEach(error -> problems.add(new StationProblem(source, subject, error + "; gateway skipped")));
        warnings.forEach(warning -> problems.add(new StationProblem(source, subject, warning)));
        return problems;
    }
}
