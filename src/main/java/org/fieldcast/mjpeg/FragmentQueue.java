package org.fieldcast.mjpeg;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.fieldcast.fmp4.Fragment;
import org.fieldcast.fmp4.InitSegment;
/**
 * The bytes waiting to go into one transcoder: its init segment, the lead-in fragments, then live
 * fragments. Bounded: when full, fragments are dropped until the next keyframe, because a decoder fed
 * a frame whose reference is missing shows garbage. And a transcoder that has fallen behind (a busy
 * machine) jumps to the next keyframe, dropping what still waits: viewers want the present, not every
 * frame of the last seconds. One thread offers (the camera's pump, under its owner's lock), one takes
 * (the socket writer).
 */
final class FragmentQueue {
    /** Four seconds at 25 fps beyond the lead-in: a transcoder only falls this far behind when it is stuck. */
    static final int LIVE_CAPACITY = 100;
    /** Frames waiting when a keyframe comes that make the transcoder jump to it: 200 ms at 25 fps. */
    static final int JUMP_BACKLOG = 5;
    /** Taken after the last bytes: the input ends. */
    static final byte[] END = new byte[0];

    private final BlockingQueue<byte[]> queue;
    /** The init segment and the lead-in: never skipped, as the transcoder's frame count relies on them. */
    private final int prelude;
    private final AtomicLong taken = new AtomicLong();
    private boolean dropping;
    private boolean ended;
    private long dropped;

    /** @param leadIn fragments since the last keyframe, first one independent; may be empty */
    FragmentQueue(InitSegment init, List<Fragment> leadIn) {
        prelude = 1 + leadIn.size();
        queue = new ArrayBlockingQueue<>(prelude + LIVE_CAPACITY + 1);
        queue.add(init.bytes());
        leadIn.forEach(f -> queue.add(f.bytes()));
        dropping = leadIn.isEmpty(); // joined mid-stream: start at the next keyframe
    }

    /** Queues a fragment, never blocking; false if it was dropped. */
    boolean offer(Fragment fragment) {
        if (ended || (dropping && !fragment.independent())) {
            dropped++;
            return false;
        }
        if (fragment.independent() && taken.get() >= prelude && queue.size() >= JUMP_BACKLOG) {
            dropped += queue.size();
            queue.clear(); // the writer may take one more meanwhile; a whole frame, so the stream stays valid
        }
        // One slot stays free for END, so ending never has to throw data away to fit.
        dropping = queue.remainingCapacity() <= 1 || !queue.offer(fragment.bytes());
        if (dropping) {
            dropped++;
        }
        return !dropping;
    }

    /** No more input: the writer sends what is queued, then ends the stream. */
    void end() {
        if (!ended) {
            ended = true;
            queue.offer(END);
        }
    }

    /** The next bytes to write, {@link #END} at the end; blocks while there are none. */
    byte[] take() throws InterruptedException {
        byte[] bytes = queue.take();
        taken.incrementAndGet();
        return bytes;
    }

    int size() {
        return queue.size();
    }

    long dropped() {
        return dropped;
    }
}
