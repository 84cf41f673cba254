package org.fieldcast.limits;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Client addresses the per-client limits do not apply to, e.g. loopback: local tools and load tests
 * reach Fieldcast from there, and a client that runs on the server can exhaust it anyway.
 */
final class UnlimitedAddresses implements Predicate<String> {
    /**
     * Address literals only, which {@link InetAddress#getByName} reads without a DNS lookup: dotted
     * IPv4, or IPv6 (it has a colon).
     */
    private static final Pattern LITERAL = Pattern.compile("(25[0-5]|2[0-4]\\d|1?\\d?\\d)(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){3}"
            + "|[0-9a-fA-F.]*:[0-9a-fA-F:.]*");

    private final Set<String> addresses;

    private UnlimitedAddresses(Set<String> addresses) {
        this.addresses = Set.copyOf(addresses);
    }

    /**
     * @param list comma-separated address literals, or {@code none}
     * @throws IllegalArgumentException for anything else, naming {@code key}
     */
    static UnlimitedAddresses parse(String list, String key) {
        Set<String> parsed = new HashSet<>();
        for (String word : list.split(",")) {
            String address = word.strip();
            if (address.isEmpty() || address.equalsIgnoreCase("none")) {
                continue;
            }
            String canonical = canonical(address);
            if (canonical == null) {
                throw new IllegalArgumentException(key + ": '" + address + "' is not an IP address");
            }
            parsed.add(address);
            parsed.add(canonical);
        }
        return new UnlimitedAddresses(parsed);
    }

    @Override
    public boolean test(String client) {
        if (client == null || addresses.isEmpty()) {
            return false;
        }
        // IPv6 has several spellings (::1, 0:0:0:0:0:0:0:1); the container and a proxy may use different ones.
        return addresses.contains(client) || (client.indexOf(':') >= 0 && addresses.contains(canonical(client)));
    }

    private static String canonical(String literal) {
        if (!LITERAL.matcher(literal).matches()) {
            return null;
        }
        try {
            return InetAddress.getByName(literal).getHostAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
