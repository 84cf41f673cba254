package org.fieldcast.mjpeg;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What one {@code /ws/frames} socket still has to send: at most one frame per camera (a newer one
 * replaces it) and a few text notices, with one message in flight at a time. Cameras take turns, so
 * a busy one cannot starve the others. Memory is bounded by the number of subscribed cameras,
 * whatever the client's speed.
 */
public final class FrameSocketQueue implements FrameSink {
    /** Notices beyond this are dropped: they only repeat what the client already had. */
    static final int MAX_NOTICES = 16;

    /** Sends one message and reports its completion (null, or why it failed), possibly at once. */
    public interface Transport {
        void sendBinary(ByteBuffer message, Consumer<Throwable> done);

        void sendText(String message, Consumer<Throwable> done);
    }

    private final Transport transport;
    private final Map<String, JpegFrame> pending = new LinkedHashMap<>();
    private final Map<String, JpegFrame> newest = new LinkedHashMap<>();
    private final Deque<String> notices = new ArrayDeque<>();
    private boolean sending;
    private boolean closed;
    private long framesSent;

    public FrameSocketQueue(Transport transport) {
        this.transport = transport;
    }

    @Override
    public synchronized void offer(JpegFrame frame) {
        String camera = frame.cameraId();
        if (closed || !frame.newerThan(newest.get(camera))) {
            return;
        }
        newest.put(camera, frame);
        pending.remove(camera); // re-inserted at the end: its turn comes after the cameras already waiting
        pending.put(camera, frame);
        sendNext();
    }

    public synchronized void notice(String text) {
        if (!closed && notices.size() < MAX_NOTICES) {
            notices.add(text);
            sendNext();
        }
    }

    /** Forgets a camera the client no longer wants. */
    public synchronized void forget(String camera) {
        pending.remove(camera);
        newest.remove(camera);
    }

    public synchronized void close() {
        closed = true;
        pending.clear();
        notices.clear();
    }

    synchronized long framesSent() {
        return framesSent;
    }

    synchronized int waiting() {
        return pending.size() + notices.size();
    }

    private void sendNext() {
        if (sending || closed) {
            return;
        }
        if (!notices.isEmpty()) {
            sending = true;
            transport.sendText(notices.poll(), this::sent);
        } else if (!pending.isEmpty()) {
            Iterator<JpegFrame> first = pending.values().iterator();
            JpegFrame frame = first.next();
            first.remove();
            sending = true;
            framesSent++;
            transport.sendBinary(frame.socketMessage(), this::sent);
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
}
