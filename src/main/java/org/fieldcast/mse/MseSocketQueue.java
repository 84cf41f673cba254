package org.fieldcast.mse;

import jakarta.json.Json;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;

/**
 * What one {@code /ws/mse} socket still has to send, with one message in flight at a time. Each
 * subscription (a camera's main or sub stream) is a lane: its text notices and binary messages leave
 * in the order they were queued, because a decoder must get the init before the fragments it describes.
 * Lanes take turns, one message each, so a busy camera cannot starve the others.
 * <p>
 * Unlike JPEG frames, H.264 pictures cannot be skipped one by one (each depends on the previous), so a
 * lane that falls behind is cut to the next keyframe: when the media waiting in it spans more than
 * {@code maxBacklogMillis}, or the socket's queued bytes would pass {@code maxBytes}, its fragments are
 * dropped, pictures are skipped until the next keyframe, and that keyframe is preceded by a notice
 * {@code {"camera":..,"stream":..,"dropped":N}}. So memory is bounded whatever the client's speed, and a
 * slow viewer never holds up the camera's thread nor another viewer. Audio fragments (for a subscription
 * that asked for audio) count towards the backlog and are dropped with it like the pictures that need a
 * keyframe; the lane's audio resumes with its next keyframe. Only pictures are counted as dropped.
 */
public final class MseSocketQueue {
    /** Socket-wide notices beyond this are dropped: they only repeat what the client already had. */
    static final int MAX_NOTICES = 16;
    static final byte VERSION = 2;
    static final byte INIT = 1;
    static final byte FRAGMENT = 2;

    /** Sends one message and reports its completion (null, or why it failed), possibly at once. */
    public interface Transport {
        void sendBinary(ByteBuffer message, Consumer<Throwable> done);

        void sendText(String message, Consumer<Throwable> done);
    }

    /** Told of every fragment a lane dropped (for the metrics). */
    @FunctionalInterface
    public interface Drops {
        void dropped(String camera, long fragments);
    }

    private final Transport transport;
    private final long maxBacklogMillis;
    private final long maxBytes;
    private final Drops drops;
    private final Deque<String> notices = new ArrayDeque<>();
    /** Lanes with something to send, in the order of their turns. */
    private final Deque<Lane> turns = new ArrayDeque<>();
    private long queuedBytes;
    private boolean sending;
    private boolean closed;

    public MseSocketQueue(Transport transport, long maxBacklogMillis, long maxBytes, Drops drops) {
        this.transport = transport;
        this.maxBacklogMillis = maxBacklogMillis;
        this.maxBytes = maxBytes;
        this.drops = drops;
    }

    /** A new subscription's lane, to subscribe to the camera's {@link MseTap}. */
    public synchronized Lane open(String camera, boolean sub) {
        return new Lane(camera, sub);
    }

    /** Forgets a lane the client no longer wants: nothing more of it is sent. */
    public synchronized void close(Lane lane) {
        lane.closed = true;
        lane.clear();
        turns.remove(lane);
    }

    /** A socket-wide text notice (an error about the client's message), sent before any lane's message. */
    public synchronized void notice(String text) {
        if (!closed && notices.size() < MAX_NOTICES) {
            notices.add(text);
            sendNext();
        }
    }

    public synchronized void close() {
        closed = true;
        notices.clear();
        List.copyOf(turns).forEach(Lane::clear);
    }

    synchronized long queuedBytes() {
        return queuedBytes;
    }

    private void sendNext() {
        if (sending || closed) {
            return;
        }
        if (!notices.isEmpty()) {
            sending = true;
            transport.sendText(notices.poll(), this::sent);
            return;
        }
        Lane lane = turns.poll();
        if (lane == null) {
            return;
        }
        Item item = lane.items.poll();
        lane.afterPoll(item);
        if (!lane.items.isEmpty()) {
            turns.add(lane); // its next message waits for the other lanes' turns
        }
        sending = true;
        if (item.text != null) {
            transport.sendText(item.text, this::sent);
        } else {
            transport.sendBinary(lane.message(item), this::sent);
        }
    }

    private synchronized void sent(Throwable failure) {
        sending = false;
        if (failure != null) {
            close(); // the socket is broken; closing it is the endpoint's business
        } else {
            sendNext();
        }
    }

    /** A text notice, or a binary message of the given kind; {@code live} fragments count towards the backlog. */
    private record Item(String text, byte kind, boolean keyframe, boolean audio, byte[] payload, long epochMillis,
                        long mediaMillis, boolean live, long dropped) {
        static Item text(String text) {
            return new Item(text, (byte) 0, false, false, null, 0, 0, false, 0);
        }

        static Item dropped(String text, long dropped) {
            return new Item(text, (byte) 0, false, false, null, 0, 0, false, dropped);
        }

        static Item init(MseInit init) {
            return new Item(null, INIT, false, false, init.bytes(), init.epochMillis(), 0, false, 0);
        }

        static Item fragment(MseFragment f, boolean live) {
            return new Item(null, FRAGMENT, f.keyframe(), f.audio(), f.bytes(), f.epochMillis(), f.mediaMillis(), live, 0);
        }

        /** Bit 0: a keyframe; bit 1: audio. */
        byte flags() {
            return (byte) ((keyframe ? 1 : 0) | (audio ? 2 : 0));
        }

        boolean picture() {
            return kind == FRAGMENT && !audio;
        }

        int size() {
            return payload == null ? text.length() : payload.length;
        }

        boolean fragment() {
            return kind == FRAGMENT;
        }
    }

    /** One subscription's messages: what its camera's tap hands it, queued in order. */
    public final class Lane implements MseViewer {
        private final String camera;
        private final boolean sub;
        private final byte[] cameraBytes;
        private final Deque<Item> items = new ArrayDeque<>();
        private boolean awaitingKeyframe = true;
        /** Fell behind and was cut: waiting for a keyframe to resume, counting what it skips. */
        private boolean cut;
        private long skipped;
        private boolean closed;

        private Lane(String camera, boolean sub) {
            this.camera = camera;
            this.sub = sub;
            this.cameraBytes = camera.getBytes(StandardCharsets.UTF_8);
        }

        public String camera() {
            return camera;
        }

        public String stream() {
            return sub ? "sub" : "main";
        }

        /** A new init replaces whatever of the old one was still queued: those fragments need the old init. */
        @Override
        public void onInit(MseInit init, List<MseFragment> latestGop) {
            synchronized (MseSocketQueue.this) {
                if (closed || MseSocketQueue.this.closed) {
                    return;
                }
                clear();
                awaitingKeyframe = true;
                cut = false;
                skipped = 0;
                add(Item.text(Json.createObjectBuilder().add("camera", camera).add("stream", stream())
                        .add("mime", init.mime()).add("width", init.width()).add("height", init.height())
                        .add("audio", init.audio() != null).add("hasAudio", init.hasAudio()).build().toString()));
                add(Item.init(init));
                // The latest GOP is sent as fast as the client takes it: it does not count as falling behind.
                latestGop.forEach(f -> offer(f, false));
                sendNext();
            }
        }

        @Override
        public void onFragment(MseFragment fragment) {
            synchronized (MseSocketQueue.this) {
                if (closed || MseSocketQueue.this.closed) {
                    return;
                }
                offer(fragment, true);
                sendNext();
            }
        }

        private void offer(MseFragment f, boolean live) {
            int pictures = f.audio() ? 0 : 1;
            if (awaitingKeyframe && !f.keyframe()) {
                skip(pictures);
                return;
            }
            if (tooFarBehind(f)) {
                cut = true;
                awaitingKeyframe = true;
                skip(dropFragments());
                if (!f.keyframe() || tooFarBehind(f)) {
                    skip(pictures);
                    return;
                }
            }
            if (awaitingKeyframe) {
                awaitingKeyframe = false;
                cut = false;
                if (skipped > 0) {
                    add(Item.dropped(Json.createObjectBuilder().add("camera", camera).add("stream", stream())
                            .add("dropped", skipped).build().toString(), skipped));
                    skipped = 0;
                }
            }
            add(Item.fragment(f, live));
        }

        /**
         * The socket would hold too many bytes, or this lane's live media of the fragment's kind spans more than
         * the backlog bound. Per kind: ffmpeg may place a camera's audio up to a GOP away from its pictures on
         * the time line, and that distance is no backlog.
         */
        private boolean tooFarBehind(MseFragment f) {
            if (queuedBytes + f.bytes().length > maxBytes) {
                return true;
            }
            for (Item queued : items) {
                if (queued.fragment() && queued.live && queued.audio == f.audio()) {
                    return f.mediaMillis() - queued.mediaMillis > maxBacklogMillis;
                }
            }
            return false;
        }

        /** Counts the pictures a cut lane does not send; before its first keyframe a lane has nothing to skip from. */
        private void skip(long fragments) {
            if (cut && fragments > 0) {
                skipped += fragments;
                drops.dropped(camera, fragments);
            }
        }

        /**
         * Drops the queued fragments, keeping the mime notice and init not sent yet. A dropped notice not
         * sent yet goes too, its count carried into the next one: a client that stays stalled gets one.
         */
        private long dropFragments() {
            long dropped = items.stream().filter(Item::picture).count();
            items.removeIf(i -> {
                if (i.fragment() || i.dropped > 0) {
                    queuedBytes -= i.size();
                    skipped += i.dropped;
                    return true;
                }
                return false;
            });
            if (items.isEmpty()) {
                turns.remove(this);
            }
            return dropped;
        }

        private void add(Item item) {
            if (items.isEmpty()) {
                turns.add(this);
            }
            items.add(item);
            queuedBytes += item.size();
        }

        private void afterPoll(Item item) {
            queuedBytes -= item.size();
        }

        private void clear() {
            items.forEach(i -> queuedBytes -= i.size());
            items.clear();
            turns.remove(this);
        }

        /** {@code [2][kind][flags][stream][n][camera id][8 bytes epoch ms][payload]}, as the README documents. */
        private ByteBuffer message(Item item) {
            ByteBuffer b = ByteBuffer.allocate(5 + cameraBytes.length + 8 + item.payload.length);
            b.put(VERSION).put(item.kind).put(item.flags()).put((byte) (sub ? 1 : 0))
                    .put((byte) cameraBytes.length).put(cameraBytes).putLong(item.epochMillis).put(item.payload);
            return b.flip();
        }
    }
}
