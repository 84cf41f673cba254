package org.fieldcast.cluster;

/** This node's ownership of one stream, renewed by the service while held. */
public interface OwnershipClaim extends AutoCloseable {

    /** The fencing token: grows with every new claim of the stream, cluster-wide. */
    long generation();

    /** False once lost: not renewed in time, taken over, or this node lost quorum; or closed. */
    boolean valid();

    /**
     * Runs {@code whenLost} once, on a service thread, the moment the claim is lost (at once if it
     * already is). Not run when the claim is closed by its holder.
     */
    void onLost(Runnable whenLost);

    /** Releases the stream (idle stop): another node may take it at once. */
    @Override
    void close();
}
