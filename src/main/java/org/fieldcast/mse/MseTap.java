package org.fieldcast.mse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.fieldcast.fmp4.Fragment;
import org.fieldcast.fmp4.InitSegment;
import org.fieldcast.fmp4.Mp4FormatException;
import org.fieldcast.fmp4.Mp4Rewrites;
import org.fieldcast.stream.StreamTap;

/**
 * One camera's pictures for {@code /ws/mse}: the MSE init segment, the pictures since the latest
 * keyframe (so a viewer starts with a picture it can decode at once), and its viewers, each handed
 * every picture as it comes. Made by {@link MseTaps} with the camera's stream, which calls it on its
 * media thread (the RTSP proxy's or ffmpeg's pump): viewers only queue, they never block it.
 * <p>
 * Viewers that asked for audio also get the stream's AAC fragments, kept beside the pictures from the
 * GOP's start, and an init declaring both tracks once audio flows in the run: until then (a run's first
 * fraction of a second, while its audio is put on the pictures' time line) they get the video init, and
 * the init with audio when the first audio fragment comes. A browser given an audio track whose samples
 * never come would wait for them and show no picture.
 */
public final class MseTap implements StreamTap {
    private static final Logger LOG = Logger.getLogger(MseTap.class.getName());
    /** A GOP longer than this (12 s at 25 fps) or bigger is not kept: a viewer then waits for the next keyframe. */
    static final int MAX_FRAGMENTS = 300;
    static final int MAX_BYTES = 16 * 1024 * 1024;

    private final String cameraId;
    private final LongSupplier epochMillis;
    /** Each viewer, and whether it asked for audio. */
    private final Map<MseViewer, Boolean> viewers = new LinkedHashMap<>();
    private final List<MseFragment> gop = new ArrayList<>();
    private int gopPictures;
    private int gopBytes;
    private MseInit init;
    /** The init with the audio track, or null when the stream has no AAC. */
    private MseInit initWithAudio;
    /** An audio fragment came in this run: audio viewers have (or get) {@link #initWithAudio}. */
    private boolean audioFlowing;
    /** Where this run's audio so far ends, in its timescale; -1 before the first. */
    private long audioEnd = -1;
    private boolean closed;

    public MseTap(String cameraId, LongSupplier epochMillis) {
        this.cameraId = cameraId;
        this.epochMillis = epochMillis;
    }

    public String cameraId() {
        return cameraId;
    }

    /** Adds a viewer of the pictures alone. */
    public void subscribe(MseViewer viewer) {
        subscribe(viewer, false);
    }

    /** Adds a viewer; it gets the current init and GOP at once, then every picture (and the audio if asked). */
    public synchronized void subscribe(MseViewer viewer, boolean audio) {
        if (closed) {
            return;
        }
        viewers.put(viewer, audio);
        if (init != null) {
            viewer.onInit(initFor(audio), gopFor(audio));
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
        clearGop();
        audioFlowing = false;
        audioEnd = -1;
        try {
            init = MseInit.of(ffmpegInit, epochMillis.getAsLong());
            initWithAudio = MseInit.withAudio(ffmpegInit, init.epochMillis()).orElse(null);
        } catch (Mp4FormatException e) {
            // Never out of a media callback: the stream would detach this tap for good.
            init = null;
            initWithAudio = null;
            LOG.log(Level.WARNING, "camera " + cameraId + ": its stream cannot be sent to browsers as it is", e);
            return;
        }
        // A copy: a viewer whose send fails on this thread leaves at once, from inside this loop.
        List.copyOf(viewers.keySet()).forEach(v -> v.onInit(init, List.of()));
    }

    @Override
    public synchronized void onFragment(Fragment fragment) {
        MseInit reader = initWithAudio != null ? initWithAudio : init;
        Fragment fit = reader != null && reader.audio() != null && fragment.trackId() == reader.audio().trackId()
                ? contiguous(fragment) : fragment;
        MseFragment piece = reader == null ? null : reader.fragment(fit, epochMillis.getAsLong());
        if (piece == null) {
            return; // before an init, or a track the browsers do not get
        }
        keep(piece);
        if (piece.audio() && !audioFlowing) {
            audioFlowing = true; // the audio viewers' init gains its audio track, with the GOP so far
            audioViewers().forEach(v -> v.onInit(initWithAudio, List.copyOf(gop)));
            return;
        }
        // A copy, as in onInit
        (piece.audio() ? audioViewers() : List.copyOf(viewers.keySet())).forEach(v -> v.onFragment(piece));
    }

    /**
     * The audio fragment starting where the previous one ended when it would start earlier. ffmpeg's RTSP
     * reader gives AAC frames the same time when their RTP packets come close together (seen with the
     * picture and the sound interleaved on one connection); a browser's SourceBuffer then replaces one
     * frame by the next and leaves a hole, and playback, which needs both tracks, stops at every hole.
     * hls.js repairs this itself; MSE here gets the times a player would have made.
     */
    private Fragment contiguous(Fragment audio) {
        Fragment fit = audio;
        if (audioEnd >= 0 && audio.decodeTime() < audioEnd) {
            try {
                fit = Mp4Rewrites.withDecodeTime(audio, audioEnd);
            } catch (Mp4FormatException e) {
                fit = audio;
            }
        }
        // An AAC-LC frame is 1024 samples long, what the fragment says or not.
        audioEnd = fit.decodeTime() + (fit.duration() > 0 ? fit.duration() : MseInit.AAC_FRAME * Math.max(1, fit.sampleCount()));
        return fit;
    }

    private List<MseViewer> audioViewers() {
        return viewers.entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey).toList();
    }

    private MseInit initFor(boolean audio) {
        return audio && audioFlowing ? initWithAudio : init;
    }

    private List<MseFragment> gopFor(boolean audio) {
        return audio && audioFlowing ? List.copyOf(gop) : gop.stream().filter(f -> !f.audio()).toList();
    }

    /** The run of kept pieces always starts at a keyframe, like {@code mjpeg.LatestGop}'s; audio from there on. */
    private void keep(MseFragment piece) {
        if (piece.keyframe()) {
            clearGop();
        } else if (gop.isEmpty()) {
            return;
        }
        if (gopPictures >= MAX_FRAGMENTS || gopBytes + piece.bytes().length > MAX_BYTES) {
            clearGop();
            return;
        }
        gop.add(piece);
        gopBytes += piece.bytes().length;
        gopPictures += piece.audio() ? 0 : 1;
    }

    private void clearGop() {
        gop.clear();
        gopBytes = 0;
        gopPictures = 0;
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
        clearGop();
        init = null;
        initWithAudio = null;
    }

    @Override
    public void kill() {
        close();
    }
}
