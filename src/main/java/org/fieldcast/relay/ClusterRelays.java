package org.fieldcast.relay;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.fieldcast.cluster.ClusterNode;
import org.fieldcast.fmp4.Fmp4StreamParser;
import org.fieldcast.hls.HlsSegmenter;
import org.fieldcast.hls.HlsSegmenters;
import org.fieldcast.hls.MirroredOutput;
import org.fieldcast.stream.PullOutput;
import org.fieldcast.stream.StreamRelays;
import org.fieldcast.stream.StreamUnavailableException;

/**
 * The streams' relay in a cluster: an owner's pull offered through a {@link RelayPublisher} fed by its
 * segmenter's timelines and its taps, a followed stream through a {@link RelaySubscriber} into a mirror
 * of the owner's window and this node's taps; both over the cluster's Hazelcast topics.
 */
@ApplicationScoped
public class ClusterRelays implements StreamRelays {

    @Inject
    ClusterNode cluster;

    @Inject
    HlsSegmenters segmenters;

    private RelayTransport transport() {
        return new HazelcastRelayTransport(cluster.hazelcast()
                .orElseThrow(() -> new IllegalStateException("a single node relays no stream")));
    }

    @Override
    public Published publish(String stream, long generation, PullOutput output) {
        HlsSegmenter segmenter = segmenters.segmenter(output);
        RelayPublisher publisher = new RelayPublisher(stream, generation, transport(), segmenter.timeline()).start();
        segmenter.onTimeline(publisher);
        return new Published() {
            @Override
            public Fmp4StreamParser.Listener media() {
                return publisher;
            }

            @Override
            public boolean followed() {
                return publisher.followed();
            }

            @Override
            public void close() {
                segmenter.onTimeline(null);
                publisher.close();
            }
        };
    }

    @Override
    public Followed follow(String stream, Fmp4StreamParser.Listener taps) {
        MirroredOutput output = segmenters.mirrored();
        RelaySubscriber subscriber = new RelaySubscriber(stream, transport(), output.mirror(), taps).start();
        return new Followed() {
            @Override
            public PullOutput output() {
                return output;
            }

            @Override
            public void watching() {
                try {
                    subscriber.watching();
                } catch (RuntimeException e) {
                    // the cluster is shutting down or cut off: the owner's pull ends without this node's word
                }
            }

            @Override
            public void close() {
                subscriber.close();
                output.failWaiters(new StreamUnavailableException("stream " + stream + " is no longer followed here"));
            }
        };
    }
}
