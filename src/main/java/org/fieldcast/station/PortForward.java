package org.fieldcast.station;

/**
 * One port mapping of a gateway: a connection to the gateway's public host at {@code outerPort}
 * reaches {@code innerHost:innerPort} on the gateway's inside network.
 */
public record PortForward(PortProtocol protocol, String innerHost, int innerPort, int outerPort) {

    /** True when this mapping leads to {@code host:port} for {@code wanted}. */
    public boolean leadsTo(PortProtocol wanted, String host, int port) {
        return protocol == wanted && innerPort == port && innerHost.equalsIgnoreCase(host);
    }
}
