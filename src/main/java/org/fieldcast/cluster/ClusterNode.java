package org.fieldcast.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * This node in its cluster: finds Payara's Hazelcast (JNDI {@code payara/Hazelcast}, bound only when
 * {@code payara/start} was given {@code FIELDCAST_CLUSTER_MODE}), and makes the one
 * {@link StreamOwnership} of the application: leases in Hazelcast's map, or the local table on a
 * single node. Schedules the renewals and the fence on the application's timers.
 */
@ApplicationScoped
public class ClusterNode {
    private static final Logger LOG = Logger.getLogger(ClusterNode.class.getName());
    /** The leases, stream key to {@link Lease#format}, in Hazelcast's map of this name. */
    static final String LEASE_MAP = "fieldcast-stream-leases";
    private static final String STATES_MAP = "fieldcast-stream-states";
    private static final long FENCE_EVERY_MILLIS = 100;
    /** A call to another node (a PTZ command): the camera's own timeout (3 s) and the hop, with room to spare. */
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);
    /** How the leases ask whether a majority answers: a call that needs no work, and how long to wait for it. */
    private static final String PING = "ping";
    private static final Duration PING_TIMEOUT = Duration.ofMillis(500);

    /** How long a lease lasts after its last renewal; a dead or cut-off owner's streams are free after it. */
    @Inject
    @ConfigProperty(name = "fieldcast.cluster.lease", defaultValue = "PT4S")
    Duration lease;

    /** How often the owner renews its leases. */
    @Inject
    @ConfigProperty(name = "fieldcast.cluster.renew", defaultValue = "PT1S")
    Duration renew;

    /** How much sooner than the lease the owner stops by itself when its renewals fail (clock drift, delays). */
    @Inject
    @ConfigProperty(name = "fieldcast.cluster.margin", defaultValue = "PT1S")
    Duration margin;

    /** Payara Micro's --clustermode, as payara/start passes it; present means cluster mode. */
    @Inject
    @ConfigProperty(name = "fieldcast.cluster.mode")
    Optional<String> mode;

    /** The whole cluster's size, for the quorum; defaults to the members a tcpip: list names. */
    @Inject
    @ConfigProperty(name = "fieldcast.cluster.size")
    Optional<Integer> size;

    /** Where other nodes reach this one (the relay); defaults to its cluster address and HTTPS port. */
    @Inject
    @ConfigProperty(name = "fieldcast.cluster.address")
    Optional<String> address;

    @Inject
    @ConfigProperty(name = "fieldcast.tls.port", defaultValue = "8443")
    int tlsPort;

    @Resource(lookup = "java:app/concurrent/fieldcast-timers")
    ManagedScheduledExecutorService timers;

    private HazelcastInstance hazelcast; // null on a single node
    private StreamOwnership ownership;
    private HazelcastNodeCalls calls; // null on a single node
    private SharedStates states = SharedStates.NONE;
    private Leases leases;
    private int expectedSize = 1;
    private List<ScheduledFuture<?>> tasks = List.of();

    /** Created at start-up: a cluster node shows in the others' view and its settings are checked at once. */
    void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        view();
    }

    @PostConstruct
    void start() {
        if (lease.compareTo(renew.plus(margin)) <= 0 || renew.isNegative() || renew.isZero() || margin.isNegative()) {
            throw new IllegalStateException("fieldcast.cluster.lease must be longer than fieldcast.cluster.renew plus "
                    + "fieldcast.cluster.margin, each positive (lease " + lease + ", renew " + renew + ", margin " + margin + ")");
        }
        hazelcast = mode.filter(m -> !m.isBlank()).map(m -> lookUpHazelcast()).orElse(null);
        if (hazelcast == null) {
            ownership = new LocalOwnership("local", address.orElse("https://127.0.0.1:" + tlsPort));
            return;
        }
        expectedSize = ClusterSize.expected(size, mode);
        if (expectedSize <= 0) {
            LOG.severe("fieldcast.cluster.size is not set and " + mode.get() + " names no members: without the cluster's "
                    + "size no node has a quorum, so none pulls a stream. Set FIELDCAST_CLUSTER_SIZE.");
        }
        Member self = hazelcast.getCluster().getLocalMember();
        String node = self.getUuid().toString();
        leases = new Leases(new LeaseTable(hazelcast.getMap(LEASE_MAP), hazelcast.getCluster()::getClusterTime, lease.toMillis()),
                hazelcastMembership(), node, address.orElse(defaultAddress(self)), lease.minus(margin), System::nanoTime, timers);
        ownership = leases;
        calls = new HazelcastNodeCalls(hazelcast, CALL_TIMEOUT);
        calls.serve(PING, request -> java.util.concurrent.CompletableFuture.completedFuture(new byte[0]));
        states = new HazelcastSharedStates(hazelcast.getMap(STATES_MAP));
        tasks = List.of(
                timers.scheduleWithFixedDelay(leases::renewAll, renew.toMillis(), renew.toMillis(), TimeUnit.MILLISECONDS),
                timers.scheduleWithFixedDelay(leases::fenceOverdue, FENCE_EVERY_MILLIS, FENCE_EVERY_MILLIS, TimeUnit.MILLISECONDS));
        LOG.info(() -> "cluster node " + node + ": " + view());
    }

    private HazelcastInstance lookUpHazelcast() {
        try {
            HazelcastInstance found = (HazelcastInstance) new InitialContext().lookup("payara/Hazelcast");
            if (found != null && found.getLifecycleService().isRunning()) {
                return found;
            }
        } catch (NamingException | ClassCastException e) {
            // reported below
        }
        // A node that believes it is alone while others pull would break "one pull per camera": refuse to start.
        throw new IllegalStateException("fieldcast.cluster.mode is set but Payara's Hazelcast is not running "
                + "(JNDI payara/Hazelcast): start through payara/start with FIELDCAST_CLUSTER_MODE");
    }

    private Membership hazelcastMembership() {
        return new Membership() {
            @Override
            public int membersSeen() {
                return hazelcast.getLifecycleService().isRunning() ? hazelcast.getCluster().getMembers().size() : 0;
            }

            @Override
            public int expectedSize() {
                return expectedSize;
            }

            @Override
            public boolean reachesMajority() {
                HazelcastNodeCalls asking = calls;
                if (asking == null || !hazelcast.getLifecycleService().isRunning()) {
                    return false;
                }
                String self = hazelcast.getCluster().getLocalMember().getUuid().toString();
                List<java.util.concurrent.CompletableFuture<Boolean>> answers = hazelcast.getCluster().getMembers().stream()
                        .map(m -> m.getUuid().toString()).filter(uuid -> !uuid.equals(self))
                        .map(uuid -> asking.call(uuid, PING, new byte[0], PING_TIMEOUT).handle((r, e) -> e == null)).toList();
                long answered = 1 + answers.stream().filter(java.util.concurrent.CompletableFuture::join).count();
                return expectedSize > 0 && answered * 2 > expectedSize;
            }
        };
    }

    private String defaultAddress(Member self) {
        String host = self.getAddress().getHost();
        return "https://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + tlsPort;
    }

    /** The application's one stream ownership. */
    @Produces
    StreamOwnership ownership() {
        return ownership;
    }

    /** Calls between the nodes; none on a single node, which calls nobody. */
    @Produces
    NodeCalls calls() {
        return calls != null ? calls : NO_CALLS;
    }

    /** What every node sees of the others' streams; nothing on a single node. */
    @Produces
    SharedStates states() {
        return states;
    }

    /** The cluster's engine, for what travels between nodes (the relay); empty on a single node. */
    public Optional<HazelcastInstance> hazelcast() {
        return Optional.ofNullable(hazelcast);
    }

    private static final NodeCalls NO_CALLS = new NodeCalls() {
        @Override
        public String localNode() {
            return "local";
        }

        @Override
        public java.util.concurrent.CompletableFuture<byte[]> call(String node, String service, byte[] request) {
            return java.util.concurrent.CompletableFuture.failedFuture(new IllegalStateException("a single node calls no other"));
        }

        @Override
        public void serve(String service, java.util.function.Function<byte[], java.util.concurrent.CompletableFuture<byte[]>> handler) {
            // nobody calls a single node
        }
    };

    public ClusterView view() {
        if (hazelcast == null) {
            return new ClusterView(false, 1, 1, true);
        }
        Membership m = hazelcastMembership();
        return new ClusterView(true, m.membersSeen(), m.expectedSize(), m.quorum());
    }

    @PreDestroy
    void stop() {
        tasks.forEach(t -> t.cancel(false));
        if (calls != null) {
            calls.close();
        }
        if (leases != null) {
            try {
                leases.releaseAll();
            } catch (RejectedExecutionException shuttingDown) {
                // the leases expire by themselves within fieldcast.cluster.lease
            }
        }
    }
}
