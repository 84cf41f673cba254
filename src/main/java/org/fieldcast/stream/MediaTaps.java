package org.fieldcast.stream;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.fieldcast.fmp4.Fmp4StreamParser;
import org.fieldcast.fmp4.Fragment;
import org.fieldcast.fmp4.InitSegment;
/**
 * The consumers of a camera's media besides HLS (the MJPEG transcoder, meters). They stay attached
 * across ffmpeg runs; one attached mid-stream gets the current init segment at once. A failing tap
 * is detached and logged, and never stops the stream.
 */
final class MediaTaps implements Fmp4StreamParser.Listener {
    private static final Logger LOG = Logger.getLogger(MediaTaps.class.getName());

    private final List<Fmp4StreamParser.Listener> taps = new CopyOnWriteArrayList<>();
    private volatile InitSegment currentInit;

    void attach(Fmp4StreamParser.Listener tap) {
        taps.add(tap);
        InitSegment init = currentInit;
        if (init != null) {
            deliver(tap, () -> tap.onInit(init));
        }
    }

    void detach(Fmp4StreamParser.Listener tap) {
        taps.remove(tap);
    }

    /** The init segment the taps last got, or null before the first. */
    InitSegment currentInit() {
        return currentInit;
    }

    @Override
    public void onInit(InitSegment init) {
        currentInit = init;
        taps.forEach(t -> deliver(t, () -> t.onInit(init)));
    }

    @Override
    public void onFragment(Fragment fragment) {
        taps.forEach(t -> deliver(t, () -> t.onFragment(fragment)));
    }

    private void deliver(Fmp4StreamParser.Listener tap, Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "a media tap failed and is detached", e);
            taps.remove(tap);
        }
    }
}
