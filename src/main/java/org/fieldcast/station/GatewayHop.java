package org.fieldcast.station;

import java.util.List;
import java.util.Optional;

/**
 * One NAT gateway on a camera's way out, as the streams see it: the address it is reached at from
 * the next hop outwards (or from Fieldcast, for the outermost hop) and the port mappings that lie on
 * this camera's way. Mappings for other cameras are left out, so that a change to them does not
 * count as a change of this camera.
 */
public record GatewayHop(String id, String publicHost, List<PortForward> forwards) {

    public GatewayHop {
        forwards = List.copyOf(forwards);
    }

    /** The mapping that reaches {@code host:port} on the inside, if this gateway has one. */
    public Optional<PortForward> forwardTo(PortProtocol protocol, String host, int port) {
        return forwards.stream().filter(f -> f.leadsTo(protocol, host, port)).findFirst();
    }
}
