/**
 * One supervisor per camera ({@link org.fieldcast.stream.CameraStream}): it alone starts, watches,
 * restarts and stops that camera's pull, holds its state and timers, and feeds what is built on it.
 * {@link org.fieldcast.stream.CameraStreams} creates them from the station directory and ticks them.
 * <p>
 * The stream knows no view built on it: it defines {@link org.fieldcast.stream.PullOutput} (the LL-HLS
 * window, made by the hls feature) and {@link org.fieldcast.stream.StreamTap} (the JPEG transcoders,
 * made by the mjpeg feature), and the views implement them.
 */
package org.fieldcast.stream;
