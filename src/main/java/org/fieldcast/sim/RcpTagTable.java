package org.fieldcast.sim;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Dispatches rcp.xml requests to the tags a camera registered, with the checks a Bosch camera
 * makes before a tag sees the request (RCP+ checklist): unknown tag {@code 0x40}, type other than
 * the registered one {@code 0x60}, WRITE on a read-only tag {@code 0x50}, a {@code live} account
 * writing {@code 0xa0}. Every request lands in a bounded trace.
 */
final class RcpTagTable {
    static final int TRACE_LIMIT = 10_000;

    private final Map<Integer, RcpTag> tags = new ConcurrentHashMap<>();
    private final Deque<RcpRequestTrace> trace = new ArrayDeque<>();
    private final Clock clock;
    private volatile boolean tryLater;

    RcpTagTable(Clock clock) {
        this.clock = clock;
    }

    /** Adds or replaces a tag; later features (PTZ over Bicom 0x09A5) register theirs the same way. */
    void register(RcpTag tag) {
        tags.put(tag.code(), tag);
    }

    /** Fault switch: every request is answered {@code <err>0xc0</err>} (TRY_LATER), as a busy camera does. */
    void setTryLater(boolean on) {
        tryLater = on;
    }

    RcpReply handle(RcpRequest request, AccessLevel level) {
        RcpReply reply = tryLater ? RcpReply.fail(RcpError.TRY_LATER) : dispatch(request, level);
        record(request, reply);
        return reply;
    }

    private RcpReply dispatch(RcpRequest request, AccessLevel level) {
        RcpTag tag = tags.get(request.command());
        if (tag == null) {
            return RcpReply.fail(RcpError.INVALID_CMD);
        }
        if (request.type() != tag.type()) {
            return RcpReply.fail(RcpError.INVALID_DATA_TYPE);
        }
        if (request.write()) {
            if (tag.write() == null) {
                return RcpReply.fail(RcpError.INVALID_ACCESS_TYPE);
            }
            if (!level.mayControl()) {
                return RcpReply.fail(RcpError.INVALID_AUTH_LEVEL);
            }
            return tag.write().write(request.num(), request.payload());
        }
        return tag.read() == null ? RcpReply.fail(RcpError.READ_NOT_SUPPORTED) : tag.read().read(request.num());
    }

    private void record(RcpRequest request, RcpReply reply) {
        RcpRequestTrace entry = new RcpRequestTrace(clock.instant(), request.command(), request.typeText(),
                request.direction(), request.num(), request.payload(), reply.failed() ? reply.error().code : 0);
        synchronized (trace) {
            if (trace.size() == TRACE_LIMIT) {
                trace.removeFirst();
            }
            trace.addLast(entry);
        }
    }

    List<RcpRequestTrace> trace() {
        synchronized (trace) {
            return List.copyOf(trace);
        }
    }
}
