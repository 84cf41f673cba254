/**
 * The LL-HLS entry point: {@link org.fieldcast.hls.boundary.HlsServlet} under {@code /hls/}, which
 * asks the camera's stream for its segmenter and answers playlists, init segments, segments and parts
 * from memory, holding blocking requests asynchronously.
 */
package org.fieldcast.hls.boundary;
