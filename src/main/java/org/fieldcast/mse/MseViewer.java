package org.fieldcast.mse;

import java.util.List;

/** Gets one camera's pictures from its {@link MseTap}, on the camera's thread: must not block. */
public interface MseViewer {

    /**
     * A new init segment: the first one when the viewer subscribes, with the pictures since the latest
     * keyframe (so it can show the current picture at once), and again at every restart, without.
     */
    void onInit(MseInit init, List<MseFragment> latestGop);

    void onFragment(MseFragment fragment);
}
