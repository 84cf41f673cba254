package org.fieldcast.stream;

/**
 * Makes a stream's {@link StreamTap} when the stream is made; each view that needs one provides a bean.
 * A camera with a substream has two streams, so a view is asked once per stream: key what it keeps by
 * camera and variant, or one stream's tap replaces the other's.
 */
@FunctionalInterface
public interface StreamTaps {

    StreamTap open(String cameraId, StreamVariant variant);
}
