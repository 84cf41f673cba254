package org.fieldcast.mse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.fieldcast.fmp4.Fmp4Fixture;
import org.fieldcast.fmp4.Fragment;
import org.fieldcast.fmp4.InitSegment;
import org.fieldcast.fmp4.SampleFragment;
import org.fieldcast.fmp4.TrackInfo;
import org.junit.jupiter.api.Test;

class MseTapTest {
    private long now = 1_000;
    private final MseTap tap = new MseTap("cam-a", () -> now);

    /** Writes down what it gets: "init(n)" with the GOP it came with, then each picture's decode time. */
    private static class Recorder implements MseViewer {
        final List<String> got = new ArrayList<>();
        final List<MseInit> inits = new ArrayList<>();
        final List<MseFragment> fragments = new ArrayList<>();

        @Override
        public void onInit(MseInit init, List<MseFragment> latestGop) {
            inits.add(init);
            got.add("init" + latestGop.stream().map(f -> (f.keyframe() ? " K" : " ") + f.mediaMillis()).toList());
            fragments.addAll(latestGop);
        }

        @Override
        public void onFragment(MseFragment fragment) {
            fragments.add(fragment);
            got.add((fragment.keyframe() ? "K" : "") + fragment.mediaMillis());
        }
    }

    @Test
    void aViewerStartsAtTheLatestKeyframeThenGetsEachPicture() {
        Fmp4Fixture f = Fmp4Fixture.parse(4096); // 100 pictures at 25 fps, a keyframe every 25
        tap.onInit(f.inits.get(0));
        f.fragments.subList(0, 30).forEach(tap::onFragment);

        Recorder viewer = new Recorder();
        tap.subscribe(viewer);
        tap.onFragment(f.fragments.get(30));

        assertEquals(List.of("init[ K1000,  1040,  1080,  1120,  1160]", "1200"), viewer.got);
    }

    @Test
    void aViewerOfAStreamBeforeItsFirstKeyframeGetsTheInitAlone() {
        Fmp4Fixture f = Fmp4Fixture.parse(4096);
        tap.onInit(f.inits.get(0));
        Recorder viewer = new Recorder();
        tap.subscribe(viewer);
        assertEquals(List.of("init[]"), viewer.got);
    }

    @Test
    void aRestartIsANewInitWithoutTheOldGop() {
        Fmp4Fixture f = Fmp4Fixture.parse(4096);
        Recorder viewer = new Recorder();
        tap.subscribe(viewer);
        tap.onInit(f.inits.get(0));
        f.fragments.subList(0, 3).forEach(tap::onFragment);
        now = 2_000;
        tap.onInit(f.inits.get(0));
        Recorder late = new Recorder();
        tap.subscribe(late);

        assertEquals(List.of("init[]", "K0", "40", "80", "init[]"), viewer.got);
        assertEquals(2_000, viewer.inits.get(1).epochMillis());
        assertEquals(List.of("init[]"), late.got, "the GOP of the stopped run is gone");
    }

    @Test
    void theInitIsVideoOnlyAndAudioFragmentsAreNotSent() {
        Fmp4Fixture f = Fmp4Fixture.parse("/fmp4/testsrc-160x90-25fps-1s-aac.mp4", 4096);
        Recorder viewer = new Recorder();
        tap.subscribe(viewer);
        tap.onInit(f.inits.get(0));
        f.fragments.forEach(tap::onFragment);

        MseInit init = viewer.inits.get(0);
        assertTrue(init.mime().matches("video/mp4; codecs=\"avc1\\.[0-9a-f]{6}\""), init.mime());
        assertEquals(160, init.width());
        assertEquals(25, viewer.fragments.size(), "the 25 pictures, none of the audio");
        assertTrue(f.fragments.size() > 25);
    }

    @Test
    void anAudioViewerGetsTheInitWithAudioOnceAudioFlowsThenPicturesAndAudio() {
        Fmp4Fixture f = Fmp4Fixture.parse("/fmp4/testsrc-160x90-25fps-1s-aac.mp4", 4096);
        Recorder listener = new Recorder();
        Recorder muted = new Recorder();
        tap.subscribe(listener, true);
        tap.subscribe(muted, false);
        tap.onInit(f.inits.get(0));
        f.fragments.forEach(tap::onFragment);

        assertEquals(2, listener.inits.size(), "the video init first, the one with audio when audio came");
        MseInit both = listener.inits.get(1);
        assertTrue(both.mime().matches("video/mp4; codecs=\"avc1\\.[0-9a-f]{6},mp4a\\.40\\.2\""), both.mime());
        assertEquals(2, tracksOf(both.bytes()), "both tracks declared");
        long audioFragments = f.fragments.stream().filter(x -> x.trackId() != f.inits.get(0).leadTrack().trackId()).count();
        assertTrue(listener.fragments.stream().filter(MseFragment::audio).count() >= audioFragments - 1,
                "the audio from the GOP's start");
        assertTrue(listener.fragments.stream().noneMatch(x -> x.audio() && x.keyframe()), "audio is never a keyframe");
        assertEquals(1, muted.inits.size());
        assertTrue(muted.inits.get(0).hasAudio() && muted.inits.get(0).audio() == null, "told, not given");
        assertEquals(25, muted.fragments.size(), "the pictures alone");
    }

    @Test
    void anAudioViewerJoiningMidGopGetsThePicturesAndTheAudioSinceTheKeyframe() {
        Fmp4Fixture f = Fmp4Fixture.parse("/fmp4/testsrc-160x90-25fps-1s-aac.mp4", 4096);
        tap.onInit(f.inits.get(0));
        f.fragments.forEach(tap::onFragment);
        Recorder listener = new Recorder();
        Recorder muted = new Recorder();
        tap.subscribe(listener, true);
        tap.subscribe(muted);

        assertTrue(listener.inits.get(0).mime().contains("mp4a.40.2"));
        assertTrue(listener.fragments.get(0).keyframe(), "from the keyframe");
        assertEquals(25, listener.fragments.stream().filter(x -> !x.audio()).count());
        assertTrue(listener.fragments.stream().anyMatch(MseFragment::audio));
        assertEquals(25, muted.fragments.size());
        assertTrue(muted.fragments.stream().noneMatch(MseFragment::audio));
    }

    @Test
    void audioFramesGivenOneTimeAreLaidEndToEnd() {
        Fmp4Fixture f = Fmp4Fixture.parse("/fmp4/testsrc-160x90-25fps-1s-aac.mp4", 4096);
        InitSegment init = f.inits.get(0);
        int audioTrack = init.tracks().get(1).trackId();
        List<Fragment> sounds = f.fragments.stream().filter(x -> x.trackId() == audioTrack).toList();
        Recorder listener = new Recorder();
        tap.onInit(init);
        tap.onFragment(f.fragments.get(1)); // the first picture, a keyframe (the fixture starts with audio)
        tap.subscribe(listener, true);
        // As ffmpeg's RTSP reader sometimes writes them: two frames, one time.
        tap.onFragment(sounds.get(0));
        tap.onFragment(org.fieldcast.fmp4.Mp4Rewrites.withDecodeTime(sounds.get(1), sounds.get(0).decodeTime()));
        tap.onFragment(sounds.get(2));

        long frame = sounds.get(0).duration();
        List<Long> starts = listener.fragments.stream().filter(MseFragment::audio).map(MseFragment::mediaMillis).toList();
        assertEquals(3, starts.size());
        long timescale = init.tracks().get(1).timescale();
        assertEquals(List.of(0L, frame * 1000 / timescale, 2 * frame * 1000 / timescale), starts, "laid end to end");
    }

    @Test
    void anAudioFrameWithoutDurationLastsOneAacFrame() {
        Fmp4Fixture f = Fmp4Fixture.parse("/fmp4/testsrc-160x90-25fps-1s-aac.mp4", 4096);
        InitSegment init = f.inits.get(0);
        Recorder listener = new Recorder();
        tap.onInit(init);
        tap.onFragment(f.fragments.get(1)); // the first picture, a keyframe
        tap.subscribe(listener, true);
        // As ffmpeg writes AAC from RTP: each frame as it comes, its duration not known yet.
        tap.onFragment(SampleFragment.of(9, init.tracks().get(1).trackId(), 0, 0, true, new byte[] {0x21, 0x10}));

        byte[] b = listener.fragments.stream().filter(MseFragment::audio).findFirst().orElseThrow().bytes();
        int trunDuration = 8 + 16 + 8 + 16 + 20 + 16 + 4; // SampleFragment's layout, as above
        assertEquals(1024, java.nio.ByteBuffer.wrap(b).getInt(trunDuration));
    }

    /** How many tracks an init segment declares, as the fMP4 parser reads it. */
    private static int tracksOf(byte[] init) {
        int[] tracks = new int[1];
        new org.fieldcast.fmp4.Fmp4StreamParser(new org.fieldcast.fmp4.Fmp4StreamParser.Listener() {
            @Override
            public void onInit(InitSegment i) {
                tracks[0] = i.tracks().size();
            }

            @Override
            public void onFragment(Fragment fragment) {
            }
        }).write(init, 0, init.length);
        return tracks[0];
    }

    @Test
    void aCameraWithoutAudioGivesTheVideoInitEvenWhenAudioIsAsked() {
        Fmp4Fixture f = Fmp4Fixture.parse(4096);
        Recorder listener = new Recorder();
        tap.subscribe(listener, true);
        tap.onInit(f.inits.get(0));
        f.fragments.subList(0, 3).forEach(tap::onFragment);

        assertEquals(1, listener.inits.size());
        assertTrue(!listener.inits.get(0).hasAudio() && listener.inits.get(0).audio() == null);
        assertEquals(List.of("init[]", "K0", "40", "80"), listener.got);
    }

    @Test
    void aPictureWithoutDurationGetsTheNominalOne() {
        InitSegment init = Fmp4Fixture.parse(4096).inits.get(0);
        TrackInfo video = init.leadTrack();
        Recorder viewer = new Recorder();
        tap.subscribe(viewer);
        tap.onInit(init);
        Fragment first = SampleFragment.of(1, video.trackId(), 0, 0, true, new byte[] {0, 0, 0, 1, 0x65});
        tap.onFragment(first);

        long expected = video.defaultSampleDuration() > 0 ? video.defaultSampleDuration() : video.timescale() / 25;
        byte[] b = viewer.fragments.get(0).bytes();
        // SampleFragment's trun: its first sample's duration sits right after the data offset.
        int trunDuration = 8 + 16 + 8 + 16 + 20 + 16 + 4;
        assertEquals(expected, java.nio.ByteBuffer.wrap(b).getInt(trunDuration));
        assertTrue(expected > 0);
    }

    /**
     * A send can fail on the thread that offers the picture, and the socket then leaves at once: on the
     * camera's thread, inside the tap's own loop over its viewers. The others keep getting pictures.
     */
    @Test
    void aViewerThatLeavesWhileAPictureIsHandedOutTakesNoOtherDownWithIt() {
        Fmp4Fixture f = Fmp4Fixture.parse(4096);
        tap.onInit(f.inits.get(0));
        Recorder leaving = new Recorder() {
            @Override
            public void onFragment(MseFragment fragment) {
                super.onFragment(fragment);
                tap.unsubscribe(this);
            }
        };
        Recorder staying = new Recorder();
        tap.subscribe(leaving);
        tap.subscribe(staying);
        f.fragments.subList(0, 3).forEach(tap::onFragment);

        assertEquals(List.of("init[]", "K0"), leaving.got);
        assertEquals(List.of("init[]", "K0", "40", "80"), staying.got);
        assertEquals(1, tap.viewers());
    }

    @Test
    void aClosedTapTakesNoViewer() {
        tap.onInit(Fmp4Fixture.parse(4096).inits.get(0));
        tap.close();
        Recorder viewer = new Recorder();
        tap.subscribe(viewer);
        assertEquals(List.of(), viewer.got);
        assertEquals(0, tap.viewers());
    }
}
