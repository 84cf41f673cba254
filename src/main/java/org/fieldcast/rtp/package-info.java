/**
 * The camera's H.264 as it passes the RTSP proxy: RTP packets put back together into access units
 * the moment the packet with the marker bit arrives. ffmpeg, which pulls the same stream for LL-HLS,
 * completes a frame only when the next one begins and writes its MP4 fragment only when the packet
 * after that arrives: two frame intervals the sub-second path does not have to wait.
 * <p>
 * The package also holds what Fieldcast knows of H.264 syntax: the sequence parameter set
 * ({@link org.fieldcast.rtp.H264Sps}), which {@link org.fieldcast.rtp.Fmp4Sps} rewrites so that a
 * browser's decoder outputs each picture at once.
 */
package org.fieldcast.rtp;
