package org.fieldcast.stream;

import org.eclipse.microprofile.config.spi.Converter;

/**
 * Reads {@code fieldcast.stream.restart-steps} ({@code PT1S*5,PT5S*5,PT10S}) as a typed
 * {@link RestartLadder}, so a bad value fails the deployment, naming the key, instead of the first
 * restart. Without jitter: that is its own key. Registered in META-INF/services.
 */
public class RestartLadderConverter implements Converter<RestartLadder> {

    @Override
    public RestartLadder convert(String value) {
        if (value == null || value.isBlank()) {
            return null; // MicroProfile Config: an empty value is a missing one, and the default applies
        }
        try {
            return RestartLadder.parse(value, 0);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("restart steps must read like PT1S*5,PT5S*5,PT10S (a duration, "
                    + "optionally times a count; the last step repeats), not '" + value + "': " + e.getMessage(), e);
        }
    }
}
