package org.fieldcast.perimeter;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A configured list of IP addresses and CIDR networks, matched against a client's address literal,
 * every spelling of it alike ({@code ::1} and {@code 0:0:0:0:0:0:0:1}): the TLS-terminating proxies
 * whose {@code X-Forwarded-*} headers are believed ({@code fieldcast.http.trusted-proxies}), and the
 * clients the per-address limits spare ({@code fieldcast.limits.unlimited-addresses}).
 */
public final class AddressRanges implements Predicate<String> {
    public static final AddressRanges NONE = new AddressRanges(List.of());
    /** Address literals only: a name here would need a DNS lookup on every request. */
    private static final Pattern LITERAL = Pattern.compile("[0-9a-fA-F:.]+");

    private record Network(byte[] prefix, int bits) {
        boolean contains(byte[] address) {
            if (address.length != prefix.length) {
                return false;
            }
            for (int bit = 0; bit < bits; bit++) {
                int mask = 0x80 >>> (bit % 8);
                if ((address[bit / 8] & mask) != (prefix[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }

    private final List<Network> networks;

    private AddressRanges(List<Network> networks) {
        this.networks = List.copyOf(networks);
    }

    /**
     * @param list comma-separated addresses or CIDR networks, e.g. {@code 127.0.0.1, 10.0.0.0/8, ::1},
     *             or {@code none}
     * @throws IllegalArgumentException for anything else (a host name would need a DNS lookup), naming {@code key}
     */
    public static AddressRanges parse(String list, String key) {
        List<Network> parsed = new ArrayList<>();
        for (String word : list == null ? new String[0] : list.split(",")) {
            String cidr = word.strip();
            if (cidr.isEmpty() || cidr.equalsIgnoreCase("none")) {
                continue;
            }
            int slash = cidr.indexOf('/');
            byte[] prefix = literal(slash < 0 ? cidr : cidr.substring(0, slash));
            int bits = prefix == null ? -1 : slash < 0 ? prefix.length * 8 : parseBits(cidr.substring(slash + 1));
            if (prefix == null || bits < 0 || bits > prefix.length * 8) {
                throw new IllegalArgumentException(key + ": '" + cidr + "' is not an address or address/bits network");
            }
            parsed.add(new Network(prefix, bits));
        }
        return new AddressRanges(parsed);
    }

    public boolean isEmpty() {
        return networks.isEmpty();
    }

    /** Whether the address (a literal, as the container or a proxy reports it) is in one of the ranges. */
    @Override
    public boolean test(String peerAddress) {
        if (networks.isEmpty() || peerAddress == null) {
            return false;
        }
        byte[] address = literal(peerAddress);
        return address != null && networks.stream().anyMatch(n -> n.contains(address));
    }

    private static int parseBits(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * The address's bytes, or null when it is no literal. Called for every request's peer: dotted
     * IPv4 is read here directly; anything else goes through {@link InetAddress} (which does no
     * lookup for a literal, but costs more).
     */
    private static byte[] literal(String text) {
        byte[] v4 = dottedQuad(text);
        return v4 != null ? v4 : anyLiteral(text);
    }

    private static byte[] dottedQuad(String text) {
        byte[] out = new byte[4];
        int part = 0;
        int value = -1;
        for (int i = 0; i <= text.length(); i++) {
            char c = i == text.length() ? '.' : text.charAt(i);
            if (c >= '0' && c <= '9') {
                value = (value < 0 ? 0 : value * 10) + (c - '0');
                if (value > 255) {
                    return null;
                }
            } else if (c == '.' && value >= 0 && part < 4) {
                out[part++] = (byte) value;
                value = -1;
            } else {
                return null;
            }
        }
        return part == 4 ? out : null;
    }

    private static byte[] anyLiteral(String text) {
        String bare = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        if (!LITERAL.matcher(bare).matches() || !(bare.contains(":") || bare.chars().filter(c -> c == '.').count() == 3)) {
            return null;
        }
        try {
            return InetAddress.getByName(bare).getAddress(); // a literal: no lookup happens
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
