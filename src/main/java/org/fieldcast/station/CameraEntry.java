package org.fieldcast.station;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One camera entry of a station file, read and validated on its own. Either it yields a
 * {@link CameraDefinition}, or it yields messages that name the entry and the field, and is skipped.
 */
final class CameraEntry {

    private static final Set<String> FIELDS = Set.of("id", "name", "type", "model", "host", "rtspPort",
            "httpPort", "httpsPort", "tlsFingerprint", "rtspPath", "auth", "username", "password", "encryptedPassword", "gateway", "enabled", "alwaysOn", "video", "audio", "substreamPath");

    private final String subject;
    private final List<String> errors = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private CameraDefinition definition;

    CameraEntry(String siteSubject, int number, JsonValue value) {
        String prefix = siteSubject + " camera #" + number;
        if (!(value instanceof JsonObject json)) {
            subject = prefix;
            errors.add("must be an object, was " + value.getValueType());
            return;
        }
        EntryReader reader = new EntryReader(json);
        String id = reader.string("id", null);
        subject = id == null ? prefix : prefix + " (" + CameraDefinition.quoted(id) + ")";
        CameraDefinition read = new CameraDefinition(
                id,
                reader.string("name", null),
                reader.choice("type", CameraType.class, CameraDefinition.DEFAULT_TYPE),
                reader.string("model", null),
                reader.string("host", null),
                reader.port("rtspPort", CameraDefinition.DEFAULT_RTSP_PORT),
                reader.port("httpPort", CameraDefinition.DEFAULT_HTTP_PORT),
                reader.port("httpsPort", 0),
                CameraDefinition.normalisedFingerprint(reader.string("tlsFingerprint", null)),
                reader.string("rtspPath", CameraDefinition.DEFAULT_RTSP_PATH),
                reader.choice("auth", AuthMode.class, CameraDefinition.DEFAULT_AUTH),
                reader.string("username", null),
                reader.secret("password"),
                reader.secret("encryptedPassword"),
                reader.string("gateway", null),
                reader.bool("enabled", true),
                reader.bool("alwaysOn", false),
                reader.choice("video", VideoMode.class, CameraDefinition.DEFAULT_VIDEO),
                reader.choice("audio", AudioMode.class, CameraDefinition.DEFAULT_AUDIO),
                CameraDefinition.normalisedSubstream(reader.string("substreamPath", null)));
        errors.addAll(reader.errors());
        // A field that could not be read has its error already; its rule would only repeat it.
        read.violations().stream()
                .filter(violation -> !reader.failed(violation.field()))
                .forEach(violation -> errors.add(violation.message()));
        json.keySet().stream()
                .filter(key -> !FIELDS.contains(key))
                .forEach(key -> warnings.add("unknown field '" + key + "' ignored"));
        definition = errors.isEmpty() ? read : null;
    }

    String subject() {
        return subject;
    }

    /** The camera to import, or null when the entry is invalid and skipped. */
    CameraDefinition definition() {
        return definition;
    }

    List<StationProblem> problems(String source) {
        List<StationProblem> problems = new ArrayList<>();
        errors.forEach(error -> problems.add(new StationProblem(source, subject, error)));
        warnings.forEach(warning -> problems.add(new StationProblem(source, subject, warning)));
        return problems;
    }
}
