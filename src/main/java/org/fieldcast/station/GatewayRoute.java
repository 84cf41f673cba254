package org.fieldcast.station;

import java.util.List;

/**
 * Where Fieldcast dials to reach one port of a camera through the camera's gateways, or why it
 * cannot: a gateway on the way has no mapping for the port.
 *
 * @param host       the outermost gateway's public host (the camera's own host when it has no gateway)
 * @param port       the port to dial there
 * @param gatewayIds the gateways passed, innermost first
 * @param forwards   the mapping used at each gateway passed
 * @param problem    null when the route is complete; else which gateway lacks which mapping
 */
public record GatewayRoute(String host, int port, List<String> gatewayIds, List<PortForward> forwards, String problem) {

    public GatewayRoute {
        gatewayIds = List.copyOf(gatewayIds);
        forwards = List.copyOf(forwards);
    }

    static GatewayRoute missing(List<String> passed, List<PortForward> used, String problem) {
        return new GatewayRoute(null, 0, passed, used, problem);
    }

    public boolean complete() {
        return problem == null;
    }
}
