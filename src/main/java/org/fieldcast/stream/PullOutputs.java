package org.fieldcast.stream;

/** Makes a camera's {@link PullOutput} each time its stream starts from idle (provided by the HLS feature). */
@FunctionalInterface
public interface PullOutputs {

    PullOutput open(String cameraId);
}
