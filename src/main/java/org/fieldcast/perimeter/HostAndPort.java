package org.fieldcast.perimeter;

import java.util.Locale;

/** A {@code Host} header's parts ({@code name}, {@code name:port}, {@code [v6]:port}), lower case. */
record HostAndPort(String host, int port) {

    static HostAndPort parse(String header, String fallbackHost, int defaultPort) {
        if (header == null || header.isBlank()) {
            return new HostAndPort(fallbackHost.toLowerCase(Locale.ROOT), defaultPort);
        }
        String h = header.strip().toLowerCase(Locale.ROOT);
        int colon = h.lastIndexOf(':');
        int bracket = h.lastIndexOf(']');
        if (colon > bracket && colon > 0 && (h.startsWith("[") || h.indexOf(':') == colon)) {
            try {
                return new HostAndPort(h.substring(0, colon), Integer.parseInt(h.substring(colon + 1)));
            } catch (NumberFormatException e) {
                return new HostAndPort(h.substring(0, colon), defaultPort);
            }
        }
        return new HostAndPort(h, defaultPort);
    }

    /** {@code host} or {@code host:port}, leaving out the scheme's default port as browsers do. */
    static String authority(String host, int port, String scheme) {
        boolean defaultPort = (scheme.equals("https") && port == 443) || (scheme.equals("http") && port == 80);
        return defaultPort ? host : host + ":" + port;
    }
}
