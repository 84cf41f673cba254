/**
 * Who pulls a stream when several nodes form a cluster: one owner per stream key, held by a lease in
 * the cluster's shared map and renewed while held, fenced by a generation that grows with every new
 * claim; membership and quorum as the node sees them; calls from one node to another
 * ({@link org.fieldcast.cluster.NodeCalls}) and small states every node sees
 * ({@link org.fieldcast.cluster.SharedStates}). In single-node mode every claim is local and free.
 * Imports no feature: the stream supervisor and PTZ ask it, the relay carries its generation.
 *
 * <p><b>The split rule: never two pulls of one camera.</b> An owner stops by itself
 * ({@link org.fieldcast.cluster.OwnershipClaim#onLost}) when it has not renewed successfully for the
 * lease time minus a safety margin, measured by a local timer from the moment its last successful
 * renewal began (so a renewal call that hangs cannot keep it alive), or at once when it sees no
 * majority of the cluster's expected size; a renewal, like a new claim, counts only when a majority
 * of the other members answers this node at that moment (the member list lags a split by seconds).
 * Another node takes a lease over only after the lease has
 * expired in cluster time, and each takeover increments the generation. A minority therefore never
 * pulls, and the old owner has stopped before its lease expires for anyone else.
 */
package org.fieldcast.cluster;
