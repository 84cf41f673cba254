/**
 * Sub-second viewing: JPEG frames transcoded from the camera's one pull (never a second RTSP
 * session), fanned out through a latest-frame hub to MJPEG, WebSocket and snapshot viewers.
 * <p>
 * Owns, per camera ({@link org.fieldcast.mjpeg.JpegTranscoders}, made by {@link org.fieldcast.mjpeg.JpegTaps}
 * as the tap of the camera's stream): one
 * ffmpeg per JPEG profile in use, fed the camera's fragmented MP4 over a loopback socket and read
 * back through {@link org.fieldcast.mjpeg.JpegFrameSplitter}; the last GOP, so a new transcoder starts
 * at the current picture; one {@link org.fieldcast.mjpeg.FrameHub} per profile. And the outputs:
 * {@link org.fieldcast.mjpeg.boundary.MjpegServlet} ({@code stream.mjpg}, {@code snapshot.jpg}) and
 * {@link org.fieldcast.mjpeg.boundary.FramesEndpoint} ({@code /ws/frames}).
 * <p>
 * Threads: the transcoders run on the stream executor (Jaffree holds a task per process and adds
 * its pipe readers); frames are published on the transcoder's reader thread and written with
 * non-blocking I/O, so no thread is held per viewer and nothing queues without bound: each viewer
 * keeps at most the newest frame it has not sent yet.
 */
package org.fieldcast.mjpeg;
