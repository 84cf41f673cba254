package org.fieldcast.mse;

/**
 * One picture as moof+mdat for a browser.
 *
 * @param bytes       shared by every viewer: nobody changes it
 * @param keyframe    it starts with a sync sample, so a decoder can start here
 * @param epochMillis when the picture was complete at the server
 * @param mediaMillis its decode time in milliseconds, to measure how much media waits in a queue
 */
public record MseFragment(byte[] bytes, boolean keyframe, long epochMillis, long mediaMillis) {
}
