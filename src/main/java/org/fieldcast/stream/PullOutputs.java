package org.fieldcast.stream;

/** Makes a camera's {@link PullOutput} each time its stream starts from idle (provided by the HLS feature). */
@FunctionalInterface
public interface PullOutputs {

    PullOutput open(String cameraId);

    /**
     * The output of a pull this node takes over from another node, whose window this node followed in
     * {@code followed}: numbered on from it, so players here go on through a discontinuity.
     */
    default PullOutput continuing(String cameraId, PullOutput followed) {
        return open(cameraId);
    }
}
