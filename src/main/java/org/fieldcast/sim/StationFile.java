package org.fieldcast.sim;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonWriter;
import jakarta.json.JsonWriterFactory;
import jakarta.json.stream.JsonGenerator;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;

/**
 * The station file that describes a simulated site, in the format the station importer reads:
 * {@code {"sites":[{"id","name","cameras":[{...}]}]}}. It carries the cameras' credentials, as the
 * importer needs them; treat it like any station file.
 */
final class StationFile {
    /** The stream a station points at: line 1, first encoder stream (RCP+ 5.2). */
    static final String RTSP_PATH = "/?inst=1";
    /** The low-resolution second encoder stream, for grid tiles. */
    static final String SUBSTREAM_PATH = "/?inst=2";

    /** A camera as the file lists it: its spec and the ports it actually bound. */
    record Entry(SimulatedCameraSpec spec, int rtspPort, int httpPort) {
        static Entry of(SimulatedCamera camera) {
            return new Entry(camera.spec(), camera.rtspPort(), camera.httpPort());
        }
    }

    private StationFile() {
    }

    static JsonObject describe(String siteId, String siteName, List<Entry> cameras) {
        JsonArrayBuilder list = Json.createArrayBuilder();
        for (Entry camera : cameras) {
            list.add(camera(camera));
        }
        JsonObject site = Json.createObjectBuilder()
                .add("id", siteId)
                .add("name", siteName)
                .add("cameras", list)
                .build();
        return Json.createObjectBuilder().add("sites", Json.createArrayBuilder().add(site)).build();
    }

    private static JsonObjectBuilder camera(Entry camera) {
        SimulatedCameraSpec spec = camera.spec();
        JsonObjectBuilder b = Json.createObjectBuilder()
                .add("id", spec.id())
                .add("name", spec.name())
                .add("type", spec.ptz() ? "PTZ" : "FIXED")
                .add("model", spec.ptz() ? "Simulated AUTODOME" : "Simulated FLEXIDOME")
                .add("host", spec.bindHost())
                .add("rtspPort", camera.rtspPort())
                .add("httpPort", camera.httpPort())
                .add("rtspPath", RTSP_PATH)
                .add("substreamPath", SUBSTREAM_PATH)
                .add("auth", spec.auth().name());
        nullable(b, "username", spec.auth() == SimAuth.NONE ? null : spec.username());
        nullable(b, "password", spec.auth() == SimAuth.NONE ? null : spec.password());
        return b.add("enabled", true).add("alwaysOn", false);
    }

    private static void nullable(JsonObjectBuilder b, String name, String value) {
        if (value == null) {
            b.addNull(name);
        } else {
            b.add(name, value);
        }
    }

    static String pretty(JsonObject json) {
        JsonWriterFactory factory = Json.createWriterFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true));
        StringWriter out = new StringWriter();
        try (JsonWriter writer = factory.createWriter(out)) {
            writer.writeObject(json);
        }
        return out.toString().strip() + "\n";
    }
}
