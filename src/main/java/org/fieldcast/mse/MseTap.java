package org.fieldcast.mse;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.fieldcast.fmp4.Fragment;
import org.fieldcast.fmp4.InitSegment;
import org.fieldcast.fmp4.Mp4FormatException;
import org.fieldcast.stream.StreamTap;

/**
 * One camera's pictures for {@code /ws/mse}: the MSE init segment, the pictures since the latest
 * keyframe (so a viewer starts with a picture it can decode at once), and its viewers, each handed
 * every picture as it comes. Made by {@link MseTaps} with the camera's stream, which calls it on its
 * media thread (the RTSP proxy's or ffmpeg's pump): viewers only queue, they never block it.
 */
public final class MseTap implements StreamTap {
    private static final Logger LOG = Logger.getLogger(MseTap.class.getName());
    /** A GOP longer than this (12 s at 25 fps) or bigger is not kept: a viewer then waits for the next keyframe. */
    static final int MAX_FRAGMENTS = 300;
    static final int MAX_BYTES = 16 * 1024 * 1024;

    private final String cameraId;
    private final LongSupplier epochMillis;
    private final List<MseViewer> viewers = new ArrayList<>();
    private final List<MseFragment> gop = new ArrayList<>();
    private int gopBytes;
    private MseInit init;
    private boolean closed;

    public MseTap(String cameraId, LongSupplier epochMillis) {
        this.cameraId = cameraId;
        this.epochMillis = epochMillis;
    }

    public String cameraId() {
        return cameraId;
    }

    /** Adds a viewer; it gets the current init and GOP at once, then every picture. */
    public synchronized void subscribe(MseViewer viewer) {
        if (closed) {
            return;
        }
        viewers.add(viewer);
        if (init != null) {
            viewer.onInit(init, List.copyOf(gop));
        }
    }

    public synchronized void unsubscribe(MseViewer viewer) {
        viewers.remove(viewer);
    }

    synchronized int viewers() {
        return viewers.size();
    }

    @Override
    public synchronized void onInit(InitSegment ffmpegInit) {
        gop.clear();
        gopBytes = 0;
        try {
            init = MseInit.of(ffmpegInit, epochMillis.getAsLong());
        } catch (Mp4FormatException e) {
            // Never out of a media callback: the stream would detach this tap for good.
            init = null;
            LOG.log(Level.WARNING, "camera " + cameraId + ": its stream cannot be sent to browsers as it is", e);
            return;
        }
        // A copy: a viewer whose send fails on this thread leaves at once, from inside this loop.
        List.copyOf(viewers).forEach(v -> v.onInit(init, List.of()));
    }

    @Override
    public synchronized void onFragment(Fragment fragment) {
        MseFragment picture = init == null ? null : init.fragment(fragment, epochMillis.getAsLong());
        if (picture == null) {
            return; // before an init, or audio: not what the browsers get
        }
        keep(picture);
        List.copyOf(viewers).forEach(v -> v.onFragment(picture)); // a copy, as in onInit
    }

    /** The run of kept pictures always starts at a keyframe, like {@code mjpeg.LatestGop}'s. */
    private void keep(MseFragment picture) {
        if (picture.keyframe()) {
            gop.clear();
            gopBytes = 0;
        } else if (gop.isEmpty()) {
            return;
        }
        if (gop.size() >= MAX_FRAGMENTS || gopBytes + picture.bytes().length > MAX_BYTES) {
            gop.clear();
            gopBytes = 0;
            return;
        }
        gop.add(picture);
        gopBytes += picture.bytes().length;
    }

    @Override
    public void onFallbackPicture(byte[] jpeg, long epochMillis) {
        // Snapshots are JPEGs, not H.264: an MSE viewer keeps its last picture while live video is lost.
    }

    @Override
    public boolean processAlive() {
        return false; // no process of its own
    }

    @Override
    public synchronized void close() {
        closed = true;
        viewers.clear();
        gop.clear();
        init = null;
    }

    @Override
    public void kill() {
        close();
    }
}
