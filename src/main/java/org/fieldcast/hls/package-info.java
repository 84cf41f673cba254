/**
 * Low-latency HLS from a camera's fragmented MP4: cutting parts and segments into a bounded
 * in-memory window and rendering playlists. The servlet that serves them is in {@code hls.boundary}.
 * <p>
 * Writes come from one thread per camera (the pipe pump); readers see immutable {@link org.fieldcast.hls.Timeline}s.
 */
package org.fieldcast.hls;
