package io.github.airbyteembedded.bench;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Command-line options {@code --name=value} (or {@code --name value}); every scenario has defaults,
 * so a bare command is the documented run. Unknown options are refused, so a typo cannot silently
 * run the default.
 */
final class Options {

    private final Map<String, String> values = new HashMap<>();
    private final Set<String> used = new HashSet<>();

    Options(List<String> args) {
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("expected --name=value, got '" + arg + "'");
            }
            int equals = arg.indexOf('=');
            if (equals > 0) {
                values.put(arg.substring(2, equals), arg.substring(equals + 1));
            } else if (i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
                values.put(arg.substring(2), args.get(++i));
            } else {
                values.put(arg.substring(2), "true");
            }
        }
    }

    int integer(String name, int fallback) {
        used.add(name);
        String value = values.get(name);
        return value == null ? fallback : Integer.parseInt(value);
    }

    int[] integers(String name, int... fallback) {
        used.add(name);
        String value = values.get(name);
        return value == null ? fallback : Arrays.stream(value.split(",")).map(String::strip).mapToInt(Integer::parseInt).toArray();
    }

    Duration seconds(String name, double fallback) {
        used.add(name);
        String value = values.get(name);
        double seconds = value == null ? fallback : Double.parseDouble(value);
        return Duration.ofMillis(Math.round(seconds * 1000));
    }

    Duration millis(String name, long fallback) {
        used.add(name);
        String value = values.get(name);
        return Duration.ofMillis(value == null ? fallback : Long.parseLong(value));
    }

    String text(String name, String fallback) {
        used.add(name);
        return values.getOrDefault(name, fallback);
    }

    boolean flag(String name) {
        used.add(name);
        String value = values.get(name);
        return value != null && !value.equals("false");
    }

    /** Refuses options that no scenario of this run asked for. */
    void rejectUnknown() {
        Set<String> unknown = new HashSet<>(values.keySet());
        unknown.removeAll(used);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown option(s) " + unknown + " for this command");
        }
    }
}
