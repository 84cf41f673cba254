package org.fieldcast.hls;

import java.lang.ref.WeakReference;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The media playlists rendered lately, so that the viewers a new part releases together (hundreds of
 * blocking reloads of one camera) get one rendering instead of one each. Keyed by the identity of the
 * immutable {@link Timeline} and the number of skipped segments; a slot is overwritten by whatever
 * lands on it next, so the memory is fixed and a miss only costs a rendering. The timeline is held
 * weakly: it references its parts, which must go when the window moves on.
 */
public final class RenderedPlaylists {
    private static final int SLOTS = 64;

    private record Rendered(WeakReference<Timeline> timeline, int skipped, String text) {
    }

    private final MediaPlaylist playlist;
    private final AtomicReferenceArray<Rendered> slots = new AtomicReferenceArray<>(SLOTS);

    public RenderedPlaylists(MediaPlaylist playlist) {
        this.playlist = playlist;
    }

    public String render(Timeline t, int skipped) {
        int slot = Math.floorMod(System.identityHashCode(t) * 31 + skipped, SLOTS);
        Rendered r = slots.get(slot);
        if (r != null && r.timeline().get() == t && r.skipped() == skipped) {
            return r.text();
        }
        String text = playlist.render(t, skipped);
        slots.set(slot, new Rendered(new WeakReference<>(t), skipped, text));
        return text;
    }
}
