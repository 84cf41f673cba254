package org.fieldcast.perimeter;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The perimeter's configuration, read and checked once when the application starts. */
@ApplicationScoped
public class PerimeterSettings {

    /** The HTTPS port Payara Micro listens on ({@code payara/start} reads the same variable). */
    @Inject
    @ConfigProperty(name = "fieldcast.tls.port", defaultValue = "8443")
    int tlsPort;

    /**
     * The HTTPS port browsers are sent to from plain HTTP, when it differs from the one Fieldcast listens
     * on (a port mapping, e.g. Docker's {@code -p 443:8443}). Unset: {@code fieldcast.tls.port}.
     */
    @Inject
    @ConfigProperty(name = "fieldcast.tls.public-port")
    Optional<Integer> publicTlsPort;

    /**
     * Addresses or CIDR networks of TLS-terminating proxies in front of Fieldcast: their plain-HTTP
     * requests are served, and their {@code X-Forwarded-For/-Proto/-Host} headers believed. Unset: none.
     */
    @Inject
    @ConfigProperty(name = "fieldcast.http.trusted-proxies", defaultValue = " ")
    String trustedProxies;

    /**
     * Other origins ({@code https://host[:port]}, comma-separated) whose pages may read Fieldcast's
     * media and API with CORS, send it state-changing requests and open its WebSockets. Unset: none,
     * only Fieldcast's own pages.
     */
    @Inject
    @ConfigProperty(name = "fieldcast.http.allowed-origins", defaultValue = " ")
    String allowedOrigins;

    /**
     * Origins whose pages may show {@code /embed.html} in an iframe (CSP {@code frame-ancestors}),
     * besides Fieldcast's own. Unset: none. No other page may be framed at all.
     */
    @Inject
    @ConfigProperty(name = "fieldcast.embed.frame-ancestors", defaultValue = " ")
    String frameAncestors;

    /** {@code Strict-Transport-Security} max-age on HTTPS answers; {@code PT0S} sends none. */
    @Inject
    @ConfigProperty(name = "fieldcast.http.hsts-max-age", defaultValue = "P365D")
    Duration hstsMaxAge;

    private AddressRanges proxies;
    private Origins origins;
    private Origins embedders;

    /** Creating the bean at start-up is what checks the settings: a mistake stops the deployment. */
    void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        proxies();
    }

    @PostConstruct
    void check() {
        proxies = AddressRanges.parse(trustedProxies, "fieldcast.http.trusted-proxies");
        origins = Origins.parse(allowedOrigins, "fieldcast.http.allowed-origins");
        embedders = Origins.parse(frameAncestors, "fieldcast.embed.frame-ancestors");
        if (tlsPort < 1 || tlsPort > 65535 || publicTlsPort().orElse(1) < 1 || publicTlsPort().orElse(1) > 65535) {
            throw new IllegalArgumentException("fieldcast.tls.port and fieldcast.tls.public-port must be ports (1 to 65535)");
        }
        if (hstsMaxAge.isNegative()) {
            throw new IllegalArgumentException("fieldcast.http.hsts-max-age must not be negative");
        }
    }

    public AddressRanges proxies() {
        return proxies;
    }

    public Origins allowedOrigins() {
        return origins;
    }

    public Origins frameAncestors() {
        return embedders;
    }

    /** The port in the address plain-HTTP requests are redirected to. */
    public int redirectPort() {
        return publicTlsPort().orElse(tlsPort);
    }

    public Duration hstsMaxAge() {
        return hstsMaxAge;
    }

    private Optional<Integer> publicTlsPort() {
        return publicTlsPort == null ? Optional.empty() : publicTlsPort;
    }
}
