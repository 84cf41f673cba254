package org.fieldcast.gateway;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.fieldcast.station.CameraConfig;
/**
 * Where Fieldcast itself sits: networks (CIDR) it can reach without gateways, and sites whose
 * network it is on. A camera there is a candidate for a direct connection; a probe confirms it.
 * Only address literals are matched against networks: a camera named by a host name is local only
 * through its site, so that no name lookup happens on this path.
 */
final class LocalNetworks {

    static final LocalNetworks NONE = new LocalNetworks(List.of(), Set.of());

    private record Network(byte[] prefix, int bits) {
        boolean contains(byte[] address) {
            if (address.length != prefix.length) {
                return false;
            }
            int size = address.length * 8;
            BigInteger mask = BigInteger.ONE.shiftLeft(size).subtract(BigInteger.ONE)
                    .shiftRight(bits).xor(BigInteger.ONE.shiftLeft(size).subtract(BigInteger.ONE));
            return new BigInteger(1, address).and(mask).equals(new BigInteger(1, prefix).and(mask));
        }
    }

    private final List<Network> networks;
    private final Set<String> siteIds;

    private LocalNetworks(List<Network> networks, Set<String> siteIds) {
        this.networks = List.copyOf(networks);
        this.siteIds = Set.copyOf(siteIds);
    }

    /**
     * @param cidrs   comma-separated networks such as {@code 192.168.10.0/24, fd00::/8}
     * @param siteIds comma-separated site ids
     */
    static LocalNetworks parse(String cidrs, String siteIds) {
        List<Network> parsed = new ArrayList<>();
        for (String cidr : words(cidrs)) {
            parsed.add(network(cidr));
        }
        return new LocalNetworks(parsed, Set.copyOf(words(siteIds)));
    }

    boolean covers(CameraConfig camera) {
        if (siteIds.contains(camera.siteId())) {
            return true;
        }
        byte[] address = literal(camera.host());
        return address != null && networks.stream().anyMatch(n -> n.contains(address));
    }

    private static Network network(String cidr) {
        int slash = cidr.indexOf('/');
        byte[] prefix = literal(slash < 0 ? cidr : cidr.substring(0, slash));
        if (prefix == null) {
            throw new IllegalArgumentException("fieldcast.gateway.local-networks: '" + cidr + "' is not an address/bits network");
        }
        int bits;
        try {
            bits = slash < 0 ? prefix.length * 8 : Integer.parseInt(cidr.substring(slash + 1));
        } catch (NumberFormatException e) {
            bits = -1;
        }
        if (bits < 0 || bits > prefix.length * 8) {
            throw new IllegalArgumentException("fieldcast.gateway.local-networks: '" + cidr + "' has a bad prefix length");
        }
        return new Network(prefix, bits);
    }

    /** The bytes of an IPv4 or IPv6 literal; null for anything else (never a name lookup). */
    private static byte[] literal(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        boolean v4 = h.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        boolean v6 = h.contains(":") && h.matches("[0-9a-fA-F:.%]+");
        if (!v4 && !v6) {
            return null;
        }
        try {
            return InetAddress.getByName(h).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static List<String> words(String csv) {
        return csv == null ? List.of() : Arrays.stream(csv.split("[,\\s]+")).map(String::strip).filter(w -> !w.isEmpty())
                .collect(Collectors.toList());
    }
}
