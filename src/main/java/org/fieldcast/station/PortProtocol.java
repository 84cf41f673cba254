package org.fieldcast.station;

import java.util.Locale;
import java.util.Optional;

/** What a gateway's port mapping carries; stored in lower case ({@code rtsp}, {@code http}, {@code https}). */
public enum PortProtocol {
    RTSP,
    HTTP,
    HTTPS;

    /** The name as the schema and station files spell it. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The protocol a stored or written name stands for, in any case; empty when it names none. */
    public static Optional<PortProtocol> of(String label) {
        for (PortProtocol protocol : values()) {
            if (protocol.label().equalsIgnoreCase(label == null ? "" : label.strip())) {
                return Optional.of(protocol);
            }
        }
        return Optional.empty();
    }
}
