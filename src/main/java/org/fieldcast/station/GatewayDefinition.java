package org.fieldcast.station;

import java.util.List;

/**
 * What a station file says about one gateway, checked by {@link GatewayEntry}.
 *
 * @param parentId the next gateway outwards, or null for the one Fieldcast dials
 */
record GatewayDefinition(String id, String name, String publicHost, String parentId, List<PortForward> forwards) {

    GatewayDefinition {
        forwards = List.copyOf(forwards);
    }
}
