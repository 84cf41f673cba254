package org.fieldcast.stream;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The pauses between RTSP retries: a stepped ladder such as "1 s five times, 5 s five times, then
 * 10 s", written {@code PT1S*5,PT5S*5,PT10S}, the last step repeating. Each pause gets a random
 * jitter so that the cameras of a site behind one gateway do not all retry at the same instant.
 */
public record RestartLadder(List<Duration> steps, double jitter) {

    public RestartLadder {
        if (steps.isEmpty() || jitter < 0 || jitter >= 1) {
            throw new IllegalArgumentException("a restart ladder needs at least one step and a jitter in [0, 1)");
        }
        steps = List.copyOf(steps);
    }

    /** Parses {@code PT1S*5,PT5S*5,PT10S}: a duration, optionally times a repeat count. */
    public static RestartLadder parse(String spec, double jitter) {
        List<Duration> steps = new ArrayList<>();
        for (String part : spec.split(",")) {
            String[] step = part.trim().split("\\*");
            Duration pause = Duration.parse(step[0].trim());
            int times = step.length > 1 ? Integer.parseInt(step[1].trim()) : 1;
            if (pause.isNegative() || times < 1 || step.length > 2) {
                throw new IllegalArgumentException("bad restart step '" + part + "' in '" + spec + "'");
            }
            for (int i = 0; i < times; i++) {
                steps.add(pause);
            }
        }
        return new RestartLadder(steps, jitter);
    }

    /** The same steps with another jitter (the steps and the jitter are configured apart). */
    public RestartLadder withJitter(double newJitter) {
        return new RestartLadder(steps, newJitter);
    }

    /** The pause before retry number {@code attempt} (0 = the first retry after a failure). */
    public Duration pause(int attempt, Random random) {
        Duration base = steps.get(Math.min(attempt, steps.size() - 1));
        double factor = 1 + jitter * (2 * random.nextDouble() - 1);
        return Duration.ofNanos(Math.round(base.toNanos() * factor));
    }
}
