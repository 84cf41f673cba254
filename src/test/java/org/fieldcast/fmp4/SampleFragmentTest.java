package org.fieldcast.fmp4;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SampleFragmentTest {

    @Test
    void aFragmentBuiltHereReadsBackLikeFfmpegsOwn() {
        Fmp4Fixture recorded = Fmp4Fixture.parse(64 * 1024);
        InitSegment init = recorded.inits.get(0);
        Fragment keyframe = recorded.fragments.get(0);
        Fragment next = recorded.fragments.get(1);
        assertTrue(keyframe.independent());

        List<Fragment> parsed = new ArrayList<>();
        Fmp4StreamParser parser = new Fmp4StreamParser(new Fmp4StreamParser.Listener() {
            @Override
            public void onInit(InitSegment i) {
            }

            @Override
            public void onFragment(Fragment f) {
                parsed.add(f);
            }
        });
        parser.write(init.bytes(), 0, init.bytes().length);
        Fragment built = SampleFragment.of(7, keyframe.trackId(), keyframe.decodeTime(), (int) keyframe.duration(), true,
                mdatPayload(keyframe.bytes()));
        Fragment builtNext = SampleFragment.of(8, next.trackId(), next.decodeTime(), (int) next.duration(), false,
                mdatPayload(next.bytes()));
        parser.write(built.bytes(), 0, built.bytes().length);
        parser.write(builtNext.bytes(), 0, builtNext.bytes().length);

        assertEquals(2, parsed.size());
        for (int i = 0; i < 2; i++) {
            Fragment original = recorded.fragments.get(i);
            Fragment read = parsed.get(i);
            assertEquals(original.trackId(), read.trackId());
            assertEquals(original.decodeTime(), read.decodeTime());
            assertEquals(original.duration(), read.duration());
            assertEquals(original.independent(), read.independent());
            assertEquals(1, read.sampleCount());
            assertArrayEquals(mdatPayload(original.bytes()), mdatPayload(read.bytes()));
        }
        assertFalse(parsed.get(1).independent());
    }

    /** The bytes after the mdat header: with one sample, the sample. */
    private static byte[] mdatPayload(byte[] fragment) {
        int at = 0;
        while (at + 8 <= fragment.length) {
            int size = Boxes.size(fragment, at);
            if (Boxes.type(fragment, at).equals("mdat")) {
                return Arrays.copyOfRange(fragment, at + 8, at + size);
            }
            at += size;
        }
        throw new AssertionError("no mdat");
    }
}
