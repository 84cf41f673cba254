package org.fieldcast.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A camera's state as it crosses the cluster: read back as it was written; what does not read is ignored. */
class SharedHealthTest {

    @Test
    void readsBackWhatTheOwnerWrote() {
        StreamHealth h = new StreamHealth("cam-1", StreamState.FALLBACK, "fallback", "live video lost: no frame for 5 s",
                Instant.parse("2026-12-06T12:00:00Z"), 24.5, 2_000_000, 120, 3, 2, "ffmpeg ended", 1.0, "https://10.0.0.5:8443");

        assertEquals(Optional.of(h), SharedHealth.decode(SharedHealth.encode(h)));
        StreamHealth bare = new StreamHealth("cam-2", StreamState.IDLE, "none", null, null, 0, 0, -1, 0, 0, null, 1.0, null);
        assertEquals(Optional.of(bare), SharedHealth.decode(SharedHealth.encode(bare)));
        assertEquals("{\"camera\":\"cam-2\",\"state\":\"IDLE\",\"mode\":\"none\",\"fps\":0.0,\"bitrate\":0,\"lastFrameAgeMs\":-1,"
                + "\"viewers\":0,\"reconnects\":0,\"fallbackEvery\":1.0}", SharedHealth.encode(bare));
    }

    @Test
    void whatDoesNotReadIsIgnored() {
        assertTrue(SharedHealth.decode("not json").isEmpty());
        assertTrue(SharedHealth.decode("{\"camera\":\"x\",\"state\":\"DANCING\"}").isEmpty());
        assertTrue(SharedHealth.decode("{}").isEmpty());
    }
}
