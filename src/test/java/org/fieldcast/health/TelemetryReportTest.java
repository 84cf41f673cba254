package org.fieldcast.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class TelemetryReportTest {

    @Test
    void readsWhatPlayersSend() {
        assertEquals(Optional.of(new TelemetryReport("cam-a", 0.8, 0.05, 1)),
                TelemetryReport.parse("{\"type\":\"telemetry\",\"camera\":\"cam-a\",\"latency\":0.8,\"partLoad\":0.05,\"stalls\":1}"));
        assertEquals(Optional.of(new TelemetryReport("cam-a", null, null, 2)),
                TelemetryReport.parse("{\"type\":\"telemetry\",\"camera\":\"cam-a\",\"stalls\":2}"));
    }

    @Test
    void figuresOutOfRangeAreLeftOut() {
        // Golden table: latency 0..60 s, part load 0..10 s, stalls a whole 0..50.
        String[][] cases = {
                {"\"latency\":60,\"partLoad\":10,\"stalls\":50", "60.0 10.0 50"},
                {"\"latency\":0,\"partLoad\":0,\"stalls\":1", "0.0 0.0 1"},
                {"\"latency\":-1,\"partLoad\":0.1", "null 0.1 0"},
                {"\"latency\":60.5,\"partLoad\":0.1", "null 0.1 0"},
                {"\"latency\":1e999,\"partLoad\":0.1", "null 0.1 0"},
                {"\"latency\":0.9,\"partLoad\":10.01", "0.9 null 0"},
                {"\"latency\":0.9,\"partLoad\":-0.2", "0.9 null 0"},
                {"\"latency\":0.9,\"stalls\":-3", "0.9 null 0"},
                {"\"latency\":0.9,\"stalls\":1000000", "0.9 null 0"},
                {"\"latency\":0.9,\"stalls\":1.5", "0.9 null 0"},
                {"\"latency\":\"0.9\",\"partLoad\":0.1", "null 0.1 0"},
        };
        for (String[] c : cases) {
            TelemetryReport r = TelemetryReport.parse("{\"type\":\"telemetry\",\"camera\":\"cam-a\"," + c[0] + "}").orElseThrow();
            assertEquals(c[1], r.latencySeconds() + " " + r.partLoadSeconds() + " " + r.stalls(), c[0]);
        }
    }

    @Test
    void whatCarriesNoUsableFigureOrIsNoReportIsDropped() {
        for (String bad : new String[] {"", "nonsense", "[]", "{}", "{\"type\":\"telemetry\"}",
                "{\"type\":\"other\",\"camera\":\"cam-a\",\"latency\":1}",
                "{\"type\":\"telemetry\",\"camera\":\"../x\",\"latency\":1}",
                "{\"type\":\"telemetry\",\"camera\":5,\"latency\":1}",
                "{\"type\":\"telemetry\",\"camera\":\"cam-a\",\"stalls\":0}",
                "{\"type\":\"telemetry\",\"camera\":\"cam-a\",\"latency\":-5,\"partLoad\":99}"}) {
            assertTrue(TelemetryReport.parse(bad).isEmpty(), bad);
        }
        assertNull(TelemetryReport.parse("{\"type\":\"telemetry\",\"camera\":\"cam-a\",\"latency\":null,\"partLoad\":0.1}")
                .orElseThrow().latencySeconds());
    }
}
