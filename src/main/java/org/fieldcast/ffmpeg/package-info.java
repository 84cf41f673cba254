/**
 * Finding the ffmpeg installation, checking its version, the argument profiles Fieldcast runs it
 * with, and the one seam that starts it ({@link org.fieldcast.ffmpeg.FfmpegRuns}; {@link
 * org.fieldcast.ffmpeg.JaffreeRuns} is the only class that calls Jaffree to run a process). Each run
 * has one owner elsewhere: the camera stream, a JPEG transcoder, a simulated camera.
 */
package org.fieldcast.ffmpeg;
