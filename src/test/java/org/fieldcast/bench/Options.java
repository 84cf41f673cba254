package org.fieldcast.bench;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@code --name value} pairs from the command line, each with a default stated where it is read. */
final class Options {
    private final Map<String, String> values = new HashMap<>();

    Options(List<String> args) {
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (!a.startsWith("--") || i + 1 >= args.size()) {
                throw new IllegalArgumentException("expected --name value, got: " + a);
            }
            values.put(a.substring(2), args.get(++i));
        }
    }

    int integer(String name, int otherwise) {
        return values.containsKey(name) ? Integer.parseInt(values.get(name)) : otherwise;
    }

    Duration seconds(String name, int otherwise) {
        return Duration.ofSeconds(integer(name, otherwise));
    }

    List<Double> numbers(String name, String otherwise) {
        return Arrays.stream(values.getOrDefault(name, otherwise).split(",")).map(String::trim).map(Double::parseDouble).toList();
    }

    String text(String name, String otherwise) {
        return values.getOrDefault(name, otherwise);
    }
}
