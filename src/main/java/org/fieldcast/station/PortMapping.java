package org.fieldcast.station;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.util.Objects;

/** A row of {@code port_mapping} as stored; the streams see it as a {@link PortForward}. */
@Embeddable
class PortMapping {

    /** {@code rtsp}, {@code http} or {@code https}; the table's check constraint allows no other. */
    @Column(name = "protocol", nullable = false)
    private String protocol;

    @Column(name = "inner_host", nullable = false)
    private String innerHost;

    @Column(name = "inner_port", nullable = false)
    private int innerPort;

    @Column(name = "outer_port", nullable = false)
    private int outerPort;

    protected PortMapping() {
        // for JPA
    }

    PortMapping(PortForward forward) {
        this.protocol = forward.protocol().label();
        this.innerHost = forward.innerHost();
        this.innerPort = forward.innerPort();
        this.outerPort = forward.outerPort();
    }

    PortForward toForward() {
        return new PortForward(PortProtocol.of(protocol).orElseThrow(
                () -> new IllegalStateException("port_mapping.protocol '" + protocol + "' passed the check constraint")),
                innerHost, innerPort, outerPort);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PortMapping m && m.toForward().equals(toForward());
    }

    @Override
    public int hashCode() {
        return Objects.hash(protocol, innerHost, innerPort, outerPort);
    }
}
