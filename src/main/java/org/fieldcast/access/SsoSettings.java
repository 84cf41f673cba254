package org.fieldcast.access;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The single sign-on settings (MicroProfile Config, {@code fieldcast.sso.*}) and how the claims of a
 * validated ID token become a {@link Caller}. Single sign-on is on when {@code fieldcast.sso.provider-uri}
 * is set; {@link SsoExtension} then puts the platform's OpenID definition on this class.
 */
@ApplicationScoped
public class SsoSettings {
    private static final Logger LOG = Logger.getLogger(SsoSettings.class.getName());

    /** Where a browser starts a login at the provider. */
    public static final String LOGIN_PATH = "/api/session/sso/login";
    /** Where the provider sends the browser back; the platform's OpenID mechanism finishes the login there. */
    public static final String CALLBACK_PATH = "/api/session/sso/callback";

    private final Function<String, Optional<String>> setting;

    /** For CDI: the application's MicroProfile Config. */
    public SsoSettings() {
        this(key -> ConfigProvider.getConfig().getOptionalValue(key, String.class));
    }

    /** @param setting a value by its key, empty when unset (blank counts as unset) */
    SsoSettings(Function<String, Optional<String>> setting) {
        this.setting = key -> setting.apply(key).map(String::strip).filter(v -> !v.isEmpty());
    }

    /** On when a provider is named; then the client must be named too, or the server does not start. */
    public boolean enabled() {
        if (providerUri().isEmpty()) {
            return false;
        }
        if (clientId().isEmpty() || clientSecret().isEmpty()) {
            throw new IllegalArgumentException("fieldcast.sso.provider-uri is set: fieldcast.sso.client-id and"
                    + " fieldcast.sso.client-secret must be set too");
        }
        return true;
    }

    /** The provider's issuer; its discovery document is at {@code <issuer>/.well-known/openid-configuration}. No default. */
    public Optional<String> providerUri() {
        return setting.apply("fieldcast.sso.provider-uri");
    }

    /** This server's client id at the provider. No default. */
    public Optional<String> clientId() {
        return setting.apply("fieldcast.sso.client-id");
    }

    /** This server's client secret at the provider. No default. */
    public Optional<String> clientSecret() {
        return setting.apply("fieldcast.sso.client-secret");
    }

    /** The scopes asked for, separated by spaces. Default {@code openid profile email}. */
    public String[] scopes() {
        return setting.apply("fieldcast.sso.scope").orElse("openid profile email").split("\\s+");
    }

    /**
     * The callback address registered at the provider. Default: this server's {@value #CALLBACK_PATH} at
     * the address the browser used ({@code ${baseURL}} is the platform's placeholder for it); set it behind a
     * proxy that rewrites the address.
     */
    public String redirectUri() {
        return setting.apply("fieldcast.sso.redirect-uri").orElse("${baseURL}" + CALLBACK_PATH);
    }

    /** The claim that names the caller. Default {@code preferred_username}. */
    public String nameClaim() {
        return setting.apply("fieldcast.sso.name-claim").orElse("preferred_username");
    }

    /** The claim whose values are mapped to a role by {@code fieldcast.sso.roles.<value>}. Default {@code roles}. */
    public String roleClaim() {
        return setting.apply("fieldcast.sso.role-claim").orElse("roles");
    }

    /**
     * The claim that lists the caller's sites (an array, or one comma-separated string). Default
     * {@code sites}. A viewer or operator without it is refused (a misspelt claim must not open every
     * site); an admin without it sees every site. {@code none}: the directory does not limit sites, and
     * every caller with a role sees every site.
     */
    public String sitesClaim() {
        return setting.apply("fieldcast.sso.sites-claim").orElse("sites");
    }

    /** {@code fieldcast.sso.roles.<claim value>=viewer|operator|admin}; a value not configured maps to nothing. */
    Optional<Role> roleFor(String claimValue) {
        return setting.apply("fieldcast.sso.roles." + claimValue).flatMap(configured -> {
            try {
                return Optional.of(Role.parse(configured.toLowerCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                LOG.warning("fieldcast.sso.roles." + claimValue + ": " + e.getMessage() + "; the value is ignored");
                return Optional.empty();
            }
        });
    }

    /**
     * The caller that validated claims describe: the highest role any value of the role claim maps to, and
     * the sites of the sites claim. Empty when no value maps to a role: such a caller is refused.
     *
     * @param claim a claim's values by its name (a string claim is one value; absent: none)
     */
    Optional<Caller> caller(String name, Function<String, List<String>> claim) {
        Optional<Role> role = claim.apply(roleClaim()).stream()
                .map(this::roleFor).flatMap(Optional::stream)
                .max(Comparator.naturalOrder());
        Set<String> sites = new LinkedHashSet<>();
        boolean limitedBySites = !"none".equals(sitesClaim());
        for (String value : limitedBySites ? claim.apply(sitesClaim()) : List.<String>of()) {
            Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).forEach(sites::add);
        }
        if (limitedBySites && sites.isEmpty() && role.isPresent() && role.get() != Role.ADMIN) {
            LOG.warning(() -> "single sign-on of " + name + " refused: no '" + sitesClaim() + "' claim names a site"
                    + " (set fieldcast.sso.sites-claim=none if the directory does not limit sites)");
            return Optional.empty();
        }
        return role.map(r -> Caller.account(name, Caller.Kind.SSO, r, sites));
    }
}
