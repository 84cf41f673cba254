package org.fieldcast.perimeter;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Web origins ({@code scheme://host[:port]}, RFC 6454) this server trusts besides its own: pages that
 * may embed the player, read media with CORS, or open a WebSocket. Origins are compared in their
 * serialized form, lower case, without the scheme's default port, as browsers send them.
 */
public final class Origins {
    public static final Origins NONE = new Origins(Set.of());

    private final Set<String> allowed;

    private Origins(Set<String> allowed) {
        this.allowed = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(allowed)); // in the configured order
    }

    /**
     * @param list comma-separated origins such as {@code https://ohvd.example.org, https://wall:8443}
     * @throws IllegalArgumentException for anything that is not a bare http(s) origin ({@code *}
     *                                  included: a wildcard would hand every page an operator opens the
     *                                  cameras)
     */
    public static Origins parse(String list, String key) {
        Set<String> parsed = new LinkedHashSet<>();
        for (String word : list == null ? new String[0] : list.split(",")) {
            if (!word.isBlank()) {
                String origin = normalize(word.strip());
                if (origin == null) {
                    throw new IllegalArgumentException(key + ": '" + word.strip() + "' is not an origin such as https://host[:port]");
                }
                parsed.add(origin);
            }
        }
        return new Origins(parsed);
    }

    /** The serialized origin, or null when the text is not an http(s) origin without path, query or user. */
    public static String normalize(String text) {
        try {
            URI u = new URI(text);
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("https") || scheme.equals("http")) || u.getHost() == null || u.getRawUserInfo() != null
                    || !(u.getRawPath() == null || u.getRawPath().isEmpty()) || u.getRawQuery() != null || u.getRawFragment() != null) {
                return null;
            }
            int port = u.getPort();
            boolean defaultPort = port == -1 || (scheme.equals("https") && port == 443) || (scheme.equals("http") && port == 80);
            return scheme + "://" + u.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /** Whether a request's {@code Origin} header names this server ({@code own}) or an allowed origin. */
    public boolean admits(String originHeader, String own) {
        if (originHeader == null) {
            return false;
        }
        String origin = normalize(originHeader.strip());
        return origin != null && (origin.equals(own) || allowed.contains(origin));
    }

    /** Whether a foreign origin is on the list (this server's own origin is not). */
    public boolean lists(String originHeader) {
        String origin = originHeader == null ? null : normalize(originHeader.strip());
        return origin != null && allowed.contains(origin);
    }

    /** For a CSP source list: the origins separated by spaces, empty when none. */
    public String sourceList() {
        return String.join(" ", allowed);
    }

    public boolean isEmpty() {
        return allowed.isEmpty();
    }
}
