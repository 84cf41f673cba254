package org.fieldcast.testing;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import com.nimbusds.oauth2.sdk.TokenRequest;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import no.nav.security.mock.oauth2.token.OAuth2TokenCallback;
import no.nav.security.mock.oauth2.token.OAuth2TokenProvider;

/**
 * A real OpenID Connect provider for the integration tests: mock-oauth2-server on a free loopback
 * port (plain HTTP, 127.0.0.1 only). Discovery, authorization (no login page: the authorization
 * request is answered at once with a code), token, JWKS and userinfo endpoints; ID tokens signed
 * RS256 and carrying the nonce of the authorization request.
 *
 * <p>{@link #nextLogin} chooses the claims of the logins from then on (a random subject and no extra
 * claims before it). Not the server's own queue ({@code enqueueCallback}): a login abandoned before
 * its token request would leave its claims queued for the next one.
 */
public final class OpenIdProvider implements AutoCloseable {
    /** The issuer's path on the server: the issuer is {@code http://127.0.0.1:PORT/fieldcast}. */
    public static final String ISSUER_ID = "fieldcast";

    private final MockOAuth2Server server;
    private final Logins logins;

    private OpenIdProvider(MockOAuth2Server server, Logins logins) {
        this.server = server;
        this.logins = logins;
    }

    /** Starts a provider on a free port of 127.0.0.1. */
    public static OpenIdProvider start() {
        return start(0);
    }

    /** Starts a provider on this port of 127.0.0.1 (0: a free one), e.g. one a server was told of before. */
    public static OpenIdProvider start(int port) {
        Logins logins = new Logins();
        // No login page (the authorization endpoint answers with a code at once), no refresh-token
        // rotation, the default RS256 keys, and our claims for the issuer.
        MockOAuth2Server server = new MockOAuth2Server(new OAuth2Config(false, null, null, false, new OAuth2TokenProvider(), Set.of(logins)));
        try {
            server.start(InetAddress.getByName("127.0.0.1"), port);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
        return new OpenIdProvider(server, logins);
    }

    /**
     * What {@code fieldcast.sso.provider-uri} is set to: discovery is at
     * {@code <issuer>/.well-known/openid-configuration}. The server names itself "localhost", which
     * may resolve to ::1 where it does not listen; it takes its issuer from the address it is asked
     * at, so asked at 127.0.0.1 it issues for 127.0.0.1 throughout.
     */
    public URI issuer() {
        return server.issuerUrl(ISSUER_ID).newBuilder().host("127.0.0.1").build().uri();
    }

    /**
     * The tokens of the logins from now on (ID token, access token, so userinfo too) carry these
     * claims, valid for an hour. The ID token's audience is always the client that asks for it.
     *
     * @param subject {@code sub}, also {@code preferred_username} unless the claims name one
     * @param claims  further claims, e.g. {@code "roles", List.of("cam-ops")} and {@code "sites", List.of("north")}
     */
    public void nextLogin(String subject, Map<String, ?> claims) {
        nextLogin(subject, claims, Duration.ofHours(1));
    }

    /** As {@link #nextLogin(String, Map)}, the tokens expiring this long after they are issued (negative: already expired). */
    public void nextLogin(String subject, Map<String, ?> claims, Duration validity) {
        Map<String, Object> all = new HashMap<>(claims);
        all.putIfAbsent("preferred_username", subject);
        logins.next = new DefaultOAuth2TokenCallback(ISSUER_ID, subject, "JWT", null, all, validity.toSeconds());
    }

    /**
     * The {@code client_secret} of every token request since the last call (the platform authenticates
     * with {@code client_secret_post}); the provider itself accepts any secret.
     */
    public List<String> clientSecretsReceived() {
        List<String> secrets = new java.util.ArrayList<>();
        while (true) {
            okhttp3.mockwebserver.RecordedRequest request;
            try {
                request = server.takeRequest(10, java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (RuntimeException none) {
                return secrets;
            }
            if (request == null) {
                return secrets;
            }
            if (request.getPath() != null && request.getPath().endsWith("/token")) {
                for (String field : request.getBody().readUtf8().split("&")) {
                    if (field.startsWith("client_secret=")) {
                        secrets.add(java.net.URLDecoder.decode(field.substring(14), java.nio.charset.StandardCharsets.UTF_8));
                    }
                }
            }
        }
    }

    @Override
    public void close() {
        server.shutdown();
    }

    /** The claims of every token the issuer makes: those of the last {@link #nextLogin}. */
    private static final class Logins implements OAuth2TokenCallback {
        volatile DefaultOAuth2TokenCallback next = new DefaultOAuth2TokenCallback(ISSUER_ID, UUID.randomUUID().toString(), "JWT", null, Map.of(), 3600);

        @Override
        public String issuerId() {
            return ISSUER_ID;
        }

        @Override
        public String subject(TokenRequest request) {
            return next.subject(request);
        }

        @Override
        public String typeHeader(TokenRequest request) {
            return next.typeHeader(request);
        }

        @Override
        public List<String> audience(TokenRequest request) {
            return next.audience(request);
        }

        @Override
        public Map<String, Object> addClaims(TokenRequest request) {
            return next.addClaims(request);
        }

        @Override
        public long tokenExpiry() {
            return next.tokenExpiry();
        }
    }
}
