package org.fieldcast.fmp4;

/**
 * One moof+mdat pair from ffmpeg: with {@code frag_every_frame}, one frame of one track.
 *
 * @param decodeTime  baseMediaDecodeTime (tfdt) in the track's timescale
 * @param duration    sum of the sample durations, same timescale
 * @param independent the first sample is a sync sample (a keyframe for video)
 */
public record Fragment(byte[] bytes, int trackId, long decodeTime, long duration, boolean independent, int sampleCount) {
}
