package org.fieldcast.gateway;

import java.net.URI;
import java.util.List;
import org.fieldcast.station.CameraConfig;
/**
 * Where Fieldcast dials to reach one of a camera's ports: the camera itself, or the public side of
 * its outermost gateway.
 *
 * @param via the gateways passed, innermost first; empty when the camera is dialled directly
 */
public record Endpoint(String host, int port, List<String> via) {

    public Endpoint {
        via = List.copyOf(via);
    }

    public boolean direct() {
        return via.isEmpty();
    }

    /** {@code scheme://host:port/}. */
    public URI base(String scheme) {
        return URI.create(scheme + "://" + CameraConfig.hostPort(host, port) + "/");
    }

    @Override
    public String toString() {
        return CameraConfig.hostPort(host, port) + (direct() ? " (direct)" : " via " + String.join(" <- ", via));
    }
}
