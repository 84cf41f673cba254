package org.fieldcast.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.fieldcast.cluster.ClusterNode;

/** This node's view of its cluster in MicroProfile Metrics: members seen and quorum (1 on a single node). */
@ApplicationScoped
public class ClusterMetrics {

    @Inject
    MetricRegistry registry;

    @Inject
    ClusterNode cluster;

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        registry.gauge(Metadata.builder().withName("fieldcast_cluster_members")
                .withDescription("cluster members this node sees, itself included").withUnit(MetricUnits.NONE).build(),
                this, self -> self.cluster.view().membersSeen());
        registry.gauge(Metadata.builder().withName("fieldcast_cluster_quorum")
                .withDescription("1 when this node sees a majority of the cluster's expected size (and may pull), else 0")
                .withUnit(MetricUnits.NONE).build(), this, self -> self.cluster.view().quorum() ? 1 : 0);
    }
}
