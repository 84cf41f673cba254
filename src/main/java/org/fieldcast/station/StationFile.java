package org.fieldcast.station;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonLocation;
import jakarta.json.stream.JsonParsingException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A parsed station file: the sites and cameras that passed validation, and a problem for everything
 * that did not. Each camera stands on its own: one bad entry is skipped, the others load. Only a file
 * that is not JSON, or not shaped like a station file at all, yields nothing.
 */
final class StationFile {

    /** A valid site entry with its valid gateways and cameras. */
    record SiteEntry(String id, String name, List<GatewayDefinition> gateways, List<CameraDefinition> cameras) {
    }

    private static final Set<String> SITE_FIELDS = Set.of("id", "name", "gateways", "cameras");

    private final String source;
    private final List<SiteEntry> sites = new ArrayList<>();
    private final List<StationProblem> problems = new ArrayList<>();
    /** Ids seen so far, with the subject that used them first. */
    private final Map<String, String> siteIds = new HashMap<>();
    private final Map<String, String> cameraIds = new HashMap<>();
    private final Map<String, String> gatewayIds = new HashMap<>();

    private StationFile(String source) {
        this.source = source;
    }

    static StationFile parse(String json, String source) {
        StationFile file = new StationFile(source);
        JsonValue root = file.readJson(json);
        if (root != null) {
            file.readRoot(root);
        }
        return file;
    }

    String source() {
        return source;
    }

    List<SiteEntry> sites() {
        return List.copyOf(sites);
    }

    List<StationProblem> problems() {
        return List.copyOf(problems);
    }

    private JsonValue readJson(String json) {
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            return reader.readValue();
        } catch (JsonParsingException e) {
            problem("file", "not valid JSON" + at(e.getLocation()) + ": " + e.getMessage());
        } catch (JsonException e) {
            problem("file", "not valid JSON: " + e.getMessage());
        }
        return null;
    }

    private static String at(JsonLocation location) {
        return location == null || location.getLineNumber() < 0 ? ""
                : " at line " + location.getLineNumber() + ", column " + location.getColumnNumber();
    }

    private void readRoot(JsonValue root) {
        JsonValue siteList = root instanceof JsonObject object ? object.get("sites") : null;
        if (!(siteList instanceof JsonArray array)) {
            problem("file", "expected an object with a \"sites\" array at the top");
            return;
        }
        for (int i = 0; i < array.size(); i++) {
            readSite(array.get(i), i + 1);
        }
    }

    private void readSite(JsonValue value, int number) {
        String subject = "site #" + number;
        if (!(value instanceof JsonObject json)) {
            problem(subject, "must be an object, was " + value.getValueType());
            return;
        }
        EntryReader entry = new EntryReader(json);
        String id = entry.string("id", null);
        if (id != null) {
            subject = "site '" + id + "'";
        }
        String name = entry.string("name", null);
        List<String> errors = new ArrayList<>(entry.errors());
        if (id != null && !CameraDefinition.ID.matcher(id).matches()) {
            errors.add("id must match " + CameraDefinition.ID.pattern() + ", was " + CameraDefinition.quoted(id));
        } else if (id == null && !entry.failed("id")) {
            errors.add("id is required");
        }
        if ((name == null || name.isBlank()) && !entry.failed("name")) {
            errors.add("name must not be empty");
        } else if (name != null && name.length() > CameraDefinition.NAME_MAX) {
            errors.add("name must be at most " + CameraDefinition.NAME_MAX + " characters, was " + name.length());
        }
        if (errors.isEmpty() && siteIds.containsKey(id)) {
            errors.add("id is used twice, first by " + siteIds.get(id));
        }
        if (!errors.isEmpty()) {
            String skipped = "; site skipped with its cameras";
            errors.forEach(error -> problem("site #" + number + (id == null ? "" : " ('" + id + "')"),
                    error + skipped));
            return;
        }
        siteIds.put(id, "site #" + number);
        warnUnknown(subject, json, SITE_FIELDS);
        List<GatewayDefinition> gateways = readGateways(json.get("gateways"), subject);
        sites.add(new SiteEntry(id, name, gateways, readCameras(json.get("cameras"), subject)));
    }

    private List<GatewayDefinition> readGateways(JsonValue value, String siteSubject) {
        List<GatewayDefinition> gateways = new ArrayList<>();
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return gateways;
        }
        if (!(value instanceof JsonArray array)) {
            problem(siteSubject, "gateways must be an array, was " + value.getValueType());
            return gateways;
        }
        for (int i = 0; i < array.size(); i++) {
            GatewayEntry entry = new GatewayEntry(siteSubject, i + 1, array.get(i));
            problems.addAll(entry.problems(source));
            if (entry.definition() == null) {
                continue;
            }
            String first = gatewayIds.putIfAbsent(entry.definition().id(), entry.subject());
            if (first != null) {
                problem(entry.subject(), "id is used twice, first by " + first + "; gateway skipped");
            } else {
                gateways.add(entry.definition());
            }
        }
        return gateways;
    }

    private List<CameraDefinition> readCameras(JsonValue value, String siteSubject) {
        List<CameraDefinition> cameras = new ArrayList<>();
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return cameras;
        }
        if (!(value instanceof JsonArray array)) {
            problem(siteSubject, "cameras must be an array, was " + value.getValueType());
            return cameras;
        }
        for (int i = 0; i < array.size(); i++) {
            CameraEntry entry = new CameraEntry(siteSubject, i + 1, array.get(i));
            problems.addAll(entry.problems(source));
            if (entry.definition() != null && claimCameraId(entry)) {
                cameras.add(entry.definition());
            }
        }
        return cameras;
    }

    /** Camera ids are keys across all sites; a second entry with the same id is skipped. */
    private boolean claimCameraId(CameraEntry entry) {
        String id = entry.definition().id();
        String first = cameraIds.putIfAbsent(id, entry.subject());
        if (first != null) {
            problem(entry.subject(), "id is used twice, first by " + first + "; camera skipped");
            return false;
        }
        return true;
    }

    private void warnUnknown(String subject, JsonObject json, Set<String> known) {
        json.keySet().stream()
                .filter(key -> !known.contains(key))
                .forEach(key -> problem(subject, "unknown field '" + key + "' ignored"));
    }

    private void problem(String subject, String message) {
        problems.add(new StationProblem(source, subject, message));
    }
}
