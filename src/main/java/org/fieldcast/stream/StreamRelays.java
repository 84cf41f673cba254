package org.fieldcast.stream;

import org.fieldcast.fmp4.Fmp4StreamParser;

/**
 * How this node offers its pull of a stream to the cluster's other nodes, and follows a stream another
 * node pulls: the owner's LL-HLS window and the media its taps get, so that a viewer on any node sees
 * the same stream. Defined here, provided by the relay; a single node relays nothing.
 */
public interface StreamRelays {

    /**
     * Offers this node's pull under the claim's generation (the fencing token): the output's timelines
     * and what {@link Published#media()} is given travel to the nodes that follow.
     */
    Published publish(String stream, long generation, PullOutput output);

    /** Follows the stream's owner: its window in {@link Followed#output()}, its media into {@code taps}. */
    Followed follow(String stream, Fmp4StreamParser.Listener taps);

    /** This node's pull as others follow it. */
    interface Published extends AutoCloseable {
        /** Attach to the stream's taps: the pictures and init the followers' taps get. */
        Fmp4StreamParser.Listener media();

        /** Whether another node follows it now: its viewers keep the pull running as this node's would. */
        boolean followed();

        @Override
        void close();
    }

    /** Another node's pull, followed here. */
    interface Followed extends AutoCloseable {
        /** The owner's window, for this node's players; playable once the relay has brought a segment. */
        PullOutput output();

        /** Tells the owner that this node still has viewers (every tick): without it the owner may stop. */
        void watching();

        @Override
        void close();
    }

    /** A single node: nothing to offer, nobody to follow. */
    StreamRelays NONE = new StreamRelays() {
        @Override
        public Published publish(String stream, long generation, PullOutput output) {
            throw new IllegalStateException("a single node publishes no stream");
        }

        @Override
        public Followed follow(String stream, Fmp4StreamParser.Listener taps) {
            throw new IllegalStateException("a single node follows no stream");
        }
    };
}
