package org.fieldcast.stream;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import org.fieldcast.cluster.StreamOwnership;
import org.fieldcast.ffmpeg.FfmpegRuns;

/**
 * What every camera stream uses and none owns: the ffmpeg runs, the container's executors, the one
 * clock, where pulls read from and write to, the views made with each stream, and who hears about
 * state changes.
 *
 * @param clock   the streams' one time source: timers, stalls, idle and fallback time, status instants
 * @param taps    each makes a view that lives as long as a stream (the JPEG transcoders)
 * @param changes   told after every change of a stream's state; must not block
 * @param ownership which node pulls each stream (in a cluster; a single node pulls all)
 * @param relays    how the other nodes' pulls are followed here, and this node's offered to them
 */
public record StreamServices(FfmpegRuns runs, ExecutorService executor, ScheduledExecutorService scheduler,
                             Clock clock, SnapshotSource snapshots, PullInputs inputs, PullOutputs outputs,
                             List<StreamTaps> taps, Consumer<CameraStream> changes, StreamOwnership ownership,
                             StreamRelays relays) {

    /** A single node's: it pulls every stream it is asked for. */
    public StreamServices(FfmpegRuns runs, ExecutorService executor, ScheduledExecutorService scheduler, Clock clock,
                          SnapshotSource snapshots, PullInputs inputs, PullOutputs outputs, List<StreamTaps> taps,
                          Consumer<CameraStream> changes) {
        this(runs, executor, scheduler, clock, snapshots, inputs, outputs, taps, changes, StreamOwnership.singleNode(),
                StreamRelays.NONE);
    }
}
