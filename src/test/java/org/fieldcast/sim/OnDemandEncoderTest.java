package org.fieldcast.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OnDemandEncoderTest {

    /** Every encoder made, in order; each says whether it runs. */
    private final List<FakeEncoder> made = new ArrayList<>();
    private final OnDemandEncoder encoder = new OnDemandEncoder(() -> {
        FakeEncoder e = new FakeEncoder();
        made.add(e);
        return e;
    }, Runnable::run);

    @Test
    void nothingRunsUntilAConnectionAsks() {
        assertEquals(0, made.size());
        assertFalse(encoder.running());
    }

    @Test
    void theFirstConnectionStartsItAndTheLastStopsIt() {
        Object first = new Object();
        Object second = new Object();

        encoder.hold(first);
        encoder.hold(first); // DESCRIBE, then SETUP on the same connection
        encoder.hold(second);
        assertEquals(1, made.size(), "one encoder for every viewer");
        assertTrue(made.get(0).running);

        encoder.release(first);
        assertTrue(made.get(0).running, "a viewer is left");
        encoder.release(second);
        assertFalse(made.get(0).running);
        assertFalse(encoder.running());

        encoder.release(second); // a connection ends once; a second release changes nothing
        encoder.hold(first);
        assertEquals(2, made.size(), "the next viewer starts a fresh encoder");
        assertTrue(made.get(1).running);
        assertEquals(2, encoder.starts());
    }

    @Test
    void aConnectionThatNeverAskedReleasesNothing() {
        Object viewer = new Object();
        encoder.hold(viewer);
        encoder.release(new Object()); // every connection ends with a release, also those of the main stream
        assertTrue(made.get(0).running);
    }

    @Test
    void closeStopsItAndNothingStartsAfterwards() {
        encoder.hold(new Object());
        encoder.close();
        assertFalse(made.get(0).running);
        encoder.hold(new Object());
        assertEquals(1, made.size());
    }

    private static final class FakeEncoder implements OnDemandEncoder.Encoder {
        boolean running;

        @Override
        public void start() {
            running = true;
        }

        @Override
        public void close() {
            running = false;
        }
    }
}
