package org.fieldcast.stream;

/**
 * A change of a camera's substream, fired apart from {@link StreamHealth} so that the API's state,
 * {@code /ws/health} and the per-camera metrics stay about the main stream; the substream's own
 * metrics observe this. A failing substream's tiles see it as a stream that fails.
 */
public record SubstreamHealth(StreamHealth health) {
}
