package org.fieldcast.hls;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The {@code fieldcast.hls.*} settings, read in this one place and checked when the application starts. */
@ApplicationScoped
public class HlsSettings {

    /** LL-HLS part target (PART-TARGET, rounded down to whole frames). */
    @Inject
    @ConfigProperty(name = "fieldcast.hls.part-target", defaultValue = "PT0.2S")
    Duration partTarget;

    /** A segment ends at the first keyframe at least this long after the last cut. */
    @Inject
    @ConfigProperty(name = "fieldcast.hls.min-segment", defaultValue = "PT1S")
    Duration minSegment;

    /** Segments kept in memory and listed in the playlist (iOS wants at least 7 for live). */
    @Inject
    @ConfigProperty(name = "fieldcast.hls.window", defaultValue = "7")
    int window;

    /** How long the first request of a stream waits for its first segment. */
    @Inject
    @ConfigProperty(name = "fieldcast.hls.start-timeout", defaultValue = "PT10S")
    Duration startTimeout;

    /**
     * PART-HOLD-BACK in parts: how far behind the live edge players that follow the playlist stay (at
     * least 2). 3 by default: RFC 8216bis 4.4.3.8 says it SHOULD be at least three part targets, Apple's
     * HLS authoring specification 14.3 says MUST, and Safari and iOS play natively from it. Our own
     * player asks hls.js for two parts itself (webapp/js/player.js), which measured best (README).
     */
    @Inject
    @ConfigProperty(name = "fieldcast.hls.part-hold-back", defaultValue = "3")
    double partHoldBack;

    /** Read at start-up, so a bad value stops the deployment rather than the first viewer. */
    void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        partTarget(); // touching the bean runs the checks
    }

    @PostConstruct
    void check() {
        if (partTarget.isNegative() || partTarget.isZero() || minSegment.isNegative() || startTimeout.isNegative()
                || startTimeout.isZero()) {
            throw new IllegalStateException("fieldcast.hls.part-target and fieldcast.hls.start-timeout must be positive, "
                    + "fieldcast.hls.min-segment not negative");
        }
        if (window < 3) {
            throw new IllegalStateException("fieldcast.hls.window must be at least 3, not " + window);
        }
        if (partHoldBack < 2) {
            // RFC 8216bis 4.4.3.8: PART-HOLD-BACK "MUST be at least twice the Part Target Duration".
            throw new IllegalStateException("fieldcast.hls.part-hold-back must be at least 2 (parts), not " + partHoldBack);
        }
    }

    public Duration partTarget() {
        return partTarget;
    }

    public Duration minSegment() {
        return minSegment;
    }

    public int window() {
        return window;
    }

    public Duration startTimeout() {
        return startTimeout;
    }

    public double partHoldBack() {
        return partHoldBack;
    }
}
