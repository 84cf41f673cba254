package org.fieldcast.ptz;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.fieldcast.cluster.NodeCalls;
import org.fieldcast.cluster.OwnershipClaim;
import org.fieldcast.cluster.StreamOwner;
import org.fieldcast.cluster.StreamOwnership;

/**
 * The PTZ queues of a cluster: a camera's queue runs on the node that holds the claim {@code ptz/<camera>}
 * (the first node asked to steer it, until it leaves or is cut off: the same leases and fencing as a
 * stream's pull), and other nodes' calls reach it through {@link NodeCalls}. So the 100 ms spacing and
 * the move lease hold cluster-wide, whichever node an operator's browser reaches.
 */
final class ClaimedPlacement implements ControlPlacement {
    static final String SERVICE = "ptz";

    private final StreamOwnership ownership;
    private final NodeCalls calls;
    private final Map<String, OwnershipClaim> held = new ConcurrentHashMap<>();

    ClaimedPlacement(StreamOwnership ownership, NodeCalls calls) {
        this.ownership = ownership;
        this.calls = calls;
    }

    static String key(String cameraId) {
        return "ptz/" + cameraId;
    }

    @Override
    public Placement place(String cameraId, Runnable lostHere) {
        String key = key(cameraId);
        OwnershipClaim mine = held.get(key);
        if (mine != null && mine.valid()) {
            return Placement.HERE;
        }
        Optional<Placement> elsewhere = elsewhere(key);
        if (elsewhere.isPresent()) {
            return elsewhere.get();
        }
        Optional<OwnershipClaim> claim = ownership.claim(key);
        if (claim.isPresent()) {
            OwnershipClaim c = claim.get();
            if (held.put(key, c) != c) {
                c.onLost(() -> {
                    held.remove(key, c);
                    lostHere.run();
                });
            }
            // A generation above the first: another node held this queue before, and may have died mid-move.
            return new Placement(null, c.generation() > 1);
        }
        return elsewhere(key).orElseThrow(() -> new RemoteControlException(503, "no node may steer camera '" + cameraId
                + "' now: this node does not see a quorum of the cluster; try again"));
    }

    @Override
    public boolean holds(String cameraId) {
        OwnershipClaim mine = held.get(key(cameraId));
        return mine != null && mine.valid();
    }

    private Optional<Placement> elsewhere(String key) {
        return ownership.owner(key).map(StreamOwner::node).filter(node -> !node.equals(ownership.localNode()))
                .map(node -> new Placement(node, false));
    }

    @Override
    public String localNode() {
        return ownership.localNode();
    }

    @Override
    public CompletableFuture<byte[]> call(String node, byte[] request) {
        return calls.call(node, SERVICE, request);
    }

    @Override
    public void serve(Function<byte[], CompletableFuture<byte[]>> handler) {
        calls.serve(SERVICE, handler);
    }
}
