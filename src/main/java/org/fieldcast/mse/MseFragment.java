package org.fieldcast.mse;

/**
 * One picture, or one piece of audio, as moof+mdat for a browser.
 *
 * @param bytes       shared by every viewer: nobody changes it
 * @param keyframe    a picture that starts with a sync sample, so a decoder can start here (never audio)
 * @param audio       AAC for viewers that asked for audio, not a picture
 * @param epochMillis when it was complete at the server
 * @param mediaMillis its decode time in milliseconds, to measure how much media waits in a queue
 */
public record MseFragment(byte[] bytes, boolean keyframe, boolean audio, long epochMillis, long mediaMillis) {
}
