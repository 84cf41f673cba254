package org.fieldcast.access;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/** The server's one {@link LoginThrottle}, configured from {@link AccessSettings}. */
@ApplicationScoped
public class LoginThrottles {
    @Inject
    AccessSettings settings;

    private LoginThrottle throttle;

    @PostConstruct
    void init() {
        throttle = new LoginThrottle(settings.loginFailures(), settings.loginPause(), Clock.systemUTC());
    }

    Optional<Duration> waitFor(String username, String address) {
        return throttle.waitFor(username, address);
    }

    void failed(String username, String address) {
        throttle.failed(username, address);
    }

    void succeeded(String username) {
        throttle.succeeded(username);
    }
}
