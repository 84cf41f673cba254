package org.fieldcast.perimeter;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.util.Locale;

/**
 * A request that reached Fieldcast through a trusted TLS-terminating proxy, seen as the client sent it:
 * the client's address from {@code X-Forwarded-For}, the scheme from {@code X-Forwarded-Proto}
 * (HTTPS when the proxy does not say: it terminates TLS) and the host from {@code X-Forwarded-Host}.
 * Made only for requests whose peer is a trusted proxy ({@code fieldcast.http.trusted-proxies}).
 */
final class ForwardedRequest extends HttpServletRequestWrapper {
    private final String clientAddress;
    private final String scheme;
    private final String host;
    private final int port;

    ForwardedRequest(HttpServletRequest request, AddressRanges proxies) {
        super(request);
        this.clientAddress = client(request.getHeader("X-Forwarded-For"), request.getRemoteAddr(), proxies);
        String proto = first(request.getHeader("X-Forwarded-Proto"));
        this.scheme = "http".equalsIgnoreCase(proto) ? "http" : "https";
        String hostHeader = first(request.getHeader("X-Forwarded-Host"));
        HostAndPort hp = HostAndPort.parse(hostHeader != null ? hostHeader : request.getHeader("Host"),
                request.getServerName(), scheme.equals("https") ? 443 : 80);
        this.host = hp.host();
        this.port = hp.port();
    }

    /**
     * The right-most address that is not itself a trusted proxy: each proxy appends the peer it saw,
     * so entries further left were written by the client and prove nothing.
     */
    static String client(String forwardedFor, String peer, AddressRanges proxies) {
        if (forwardedFor == null || forwardedFor.isBlank()) {
            return peer;
        }
        String[] hops = forwardedFor.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].strip();
            if (!hop.isEmpty() && (i == 0 || !proxies.test(hop))) {
                return hop;
            }
        }
        return peer;
    }

    private static String first(String header) {
        if (header == null) {
            return null;
        }
        String v = header.split(",")[0].strip();
        return v.isEmpty() ? null : v.toLowerCase(Locale.ROOT);
    }

    @Override
    public String getRemoteAddr() {
        return clientAddress;
    }

    @Override
    public String getRemoteHost() {
        return clientAddress;
    }

    @Override
    public String getScheme() {
        return scheme;
    }

    @Override
    public boolean isSecure() {
        return scheme.equals("https");
    }

    @Override
    public String getServerName() {
        return host;
    }

    @Override
    public int getServerPort() {
        return port;
    }

    @Override
    public StringBuffer getRequestURL() {
        StringBuffer url = new StringBuffer(scheme).append("://").append(HostAndPort.authority(host, port, scheme));
        return url.append(getRequestURI());
    }
}
