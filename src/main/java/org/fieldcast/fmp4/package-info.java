/**
 * The fragmented MP4 model every view shares: reading a stream of boxes as it arrives
 * ({@link org.fieldcast.fmp4.Fmp4StreamParser}: init segments and fragments), the boxes themselves
 * ({@link org.fieldcast.fmp4.Mp4Init}, {@link org.fieldcast.fmp4.Mp4Fragments}), and writing one
 * picture as a fragment of its own ({@link org.fieldcast.fmp4.SampleFragment}), and putting a changed H.264
 * SPS where MP4 carries it ({@link org.fieldcast.fmp4.AvcSpsRewrite}).
 * <p>
 * Plain values and parsers: no threads, no container, no feature. The stream, LL-HLS, the JPEG
 * transcoders and the simulator all build on it.
 */
package org.fieldcast.fmp4;
