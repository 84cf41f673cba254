/**
 * The relay inside a cluster: the node that pulls a camera (its owner) publishes what its viewers
 * get, and every other node with viewers of that camera serves them from it, with the same names and
 * numbers. Two things travel, in one sequence per stream: each new LL-HLS {@link org.fieldcast.hls.Timeline}
 * as a change from the one before ({@link org.fieldcast.hls.TimelineDelta}), and the camera's taps' media
 * (init and per-picture fragments, for the MSE and JPEG views). A node that joins gets a snapshot
 * first. Every message carries the owner's lease generation, so a node that lost its lease is not
 * heard. The transport is the cluster's Hazelcast topics, behind {@link org.fieldcast.relay.RelayTransport}.
 * <p>
 * Above {@code stream} and the views: it uses {@code hls}, {@code fmp4} and the stream's tap listener;
 * nothing below uses it. No thread of its own: the owner's side runs on the camera's media threads,
 * a mirror's on the transport's delivery thread.
 */
package org.fieldcast.relay;
