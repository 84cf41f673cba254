/**
 * Low-latency HLS from a camera's fragmented MP4: reading ffmpeg's boxes, cutting parts and
 * segments into a bounded in-memory window, rendering playlists, and serving them.
 * <p>
 * Writes come from one thread per camera (the pipe pump); readers see immutable {@link org.fieldcast.hls.Timeline}s.
 */
package org.fieldcast.hls;
