/**
 * One supervisor per camera ({@link org.fieldcast.stream.CameraStream}): it alone starts, watches,
 * restarts and stops that camera's ffmpeg, holds its state and timers, and feeds the HLS segmenter.
 * {@link org.fieldcast.stream.CameraStreams} creates them from the station directory and ticks them.
 */
package org.fieldcast.stream;
