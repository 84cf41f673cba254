package org.fieldcast.ptz;

import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Where each camera's one command queue runs, and how calls reach it: defined here, provided by the
 * cluster's wiring (a claim per camera, like a stream's pull, and calls between nodes). Without one,
 * Fieldcast is a single node and every queue runs here.
 */
public interface ControlPlacement {

    /**
     * Where the camera's queue runs; when no node holds it, this node claims it.
     *
     * @param lostHere runs once if this node holds the queue and later loses it (cut off from the
     *                 cluster, or the claim lapsed): its running move must stop at once
     */
    Placement place(String cameraId, Runnable lostHere);

    /**
     * Whether this node holds the camera's queue now, without asking the cluster: how a call from another
     * node is checked, on a cluster thread that must not wait.
     */
    boolean holds(String cameraId);

    /** This node's name in the cluster: move leases held from another node are told apart by it. */
    String localNode();

    /** Sends one call to another node; fails when that node does not answer in time. */
    CompletableFuture<byte[]> call(String node, byte[] request);

    /** Who answers the calls other nodes send here. */
    void serve(Function<byte[], CompletableFuture<byte[]>> handler);

    /**
     * @param remoteNode the node whose queue steers the camera, or null when it is this node
     * @param takenOver  this node's hold on the queue began after another node held it: that node may
     *                   have died in the middle of a move, which a Bosch dome would go on with
     */
    record Placement(String remoteNode, boolean takenOver) {
        static final Placement HERE = new Placement(null, false);

        boolean here() {
            return remoteNode == null;
        }
    }

    /** One node: every queue runs here, nothing is ever called. */
    ControlPlacement SINGLE_NODE = new ControlPlacement() {
        @Override
        public Placement place(String cameraId, Runnable lostHere) {
            return Placement.HERE;
        }

        @Override
        public boolean holds(String cameraId) {
            return true;
        }

        @Override
        public String localNode() {
            return "local";
        }

        @Override
        public CompletableFuture<byte[]> call(String node, byte[] request) {
            return CompletableFuture.failedFuture(new IllegalStateException("a single node calls no other"));
        }

        @Override
        public void serve(Function<byte[], CompletableFuture<byte[]>> handler) {
            // nobody calls a single node
        }
    };
}
