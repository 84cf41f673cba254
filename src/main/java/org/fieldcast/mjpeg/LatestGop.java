package org.fieldcast.mjpeg;

import java.util.ArrayList;
import java.util.List;
import org.fieldcast.fmp4.Fragment;
import org.fieldcast.fmp4.InitSegment;
/**
 * The camera's current init segment and its video fragments since the last keyframe: what a
 * transcoder started now needs to decode the current picture at once, instead of waiting up to a
 * whole GOP for the next keyframe. Bounded; a GOP too long to keep is dropped until the next keyframe.
 * Not thread-safe: its owner serialises access.
 */
final class LatestGop {
    static final int MAX_FRAGMENTS = 300;
    static final int MAX_BYTES = 16 * 1024 * 1024;

    private InitSegment init;
    private final List<Fragment> fragments = new ArrayList<>();
    private int bytes;
    private long lastArrivalNanos;

    void onInit(InitSegment newInit) {
        init = newInit;
        fragments.clear();
        bytes = 0;
    }

    /** Keeps a fragment of the lead (video) track; the run of fragments always starts at a keyframe. */
    void onFragment(Fragment fragment, long arrivalNanos) {
        if (init == null || fragment.trackId() != init.leadTrack().trackId()) {
            return;
        }
        if (fragment.independent()) {
            fragments.clear();
            bytes = 0;
        } else if (fragments.isEmpty()) {
            return; // joined mid-GOP: nothing decodable until the next keyframe
        }
        if (fragments.size() >= MAX_FRAGMENTS || bytes + fragment.bytes().length > MAX_BYTES) {
            fragments.clear();
            bytes = 0;
            return;
        }
        fragments.add(fragment);
        bytes += fragment.bytes().length;
        lastArrivalNanos = arrivalNanos;
    }

    InitSegment init() {
        return init;
    }

    /**
     * The fragments since the last keyframe, if the newest arrived no longer than {@code maxAgeNanos}
     * ago; else none, because decoding them would show an old picture as the current one.
     */
    List<Fragment> recent(long nowNanos, long maxAgeNanos) {
        if (fragments.isEmpty() || nowNanos - lastArrivalNanos > maxAgeNanos) {
            return List.of();
        }
        return List.copyOf(fragments);
    }
}
