package org.fieldcast.sim;

import java.util.Optional;
import java.util.function.Consumer;

/** The newest JPEG the encoder produced; the snapshot endpoint serves it. Latest wins, nothing queues. */
final class LatestSnapshot implements Consumer<byte[]> {
    private volatile byte[] latest;
    private volatile long count;

    @Override
    public void accept(byte[] jpeg) {
        latest = jpeg;
        count++; // one writer: the encoder's pipe pump
    }

    Optional<byte[]> latest() {
        return Optional.ofNullable(latest);
    }

    long count() {
        return count;
    }
}
