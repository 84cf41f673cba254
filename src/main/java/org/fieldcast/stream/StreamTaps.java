package org.fieldcast.stream;

/** Makes a camera's {@link StreamTap} when its stream is made; each view that needs one provides a bean. */
@FunctionalInterface
public interface StreamTaps {

    StreamTap open(String cameraId);
}
