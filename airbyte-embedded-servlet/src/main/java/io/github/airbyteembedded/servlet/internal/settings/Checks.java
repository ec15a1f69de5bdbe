package io.github.airbyteembedded.servlet.internal.settings;

import io.github.airbyteembedded.servlet.AirbyteEmbeddedConfig;
import io.github.airbyteembedded.servlet.AirbyteEmbeddedConfigException;
import io.github.airbyteembedded.servlet.internal.pipeline.Origin;
import io.github.airbyteembedded.servlet.internal.upstream.Secret;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * The checks of setting values that the configuration's builder runs once, in {@code build()}: each
 * returns the value in normal form or throws an {@link AirbyteEmbeddedConfigException} naming the
 * setting.
 */
public final class Checks {

    private static final Logger LOG = System.getLogger(AirbyteEmbeddedConfig.class.getName());
    /** The path every call to the Airbyte API starts with, which a base URL must not repeat. */
    private static final String API_VERSION_PATH = "/api/v1";
    private static final Duration MAX_TIMEOUT = Duration.ofMinutes(5);
    private static final Pattern UUID_PATTERN =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private Checks() {
    }

    /**
     * The value a builder method was given, or the configuration error naming its setting when it is
     * {@code null} (a variable of {@code System.getenv} that is not set, most often).
     *
     * @param value the value
     * @param setting the kebab-case name of the setting
     * @param required whether the configuration needs the setting (no default)
     * @param <T> the value's type
     * @return the value
     * @throws AirbyteEmbeddedConfigException naming the setting if the value is {@code null}
     */
    public static <T> T given(T value, String setting, boolean required) {
        if (value == null) {
            throw new AirbyteEmbeddedConfigException(setting, required
                    ? "is required, but was given null (System.getenv returns null for an environment variable that is not set)"
                    : "was given null: leave the call out to keep the default");
        }
        return value;
    }

    static UnaryOperator<String> required(String setting, String message) {
        return value -> {
            if (value == null || value.isBlank()) {
                throw new AirbyteEmbeddedConfigException(setting, message);
            }
            return value.strip();
        };
    }

    static UnaryOperator<Secret> requiredSecret(String setting, String message) {
        return value -> {
            if (value == null || value.reveal().isBlank()) {
                throw new AirbyteEmbeddedConfigException(setting, message);
            }
            return value;
        };
    }

    static UnaryOperator<Integer> between(String setting, int min, int max) {
        return value -> {
            if (value < min || value > max) {
                throw new AirbyteEmbeddedConfigException(setting, "must be between " + min + " and " + max + ", was " + value);
            }
            return value;
        };
    }

    static UnaryOperator<Duration> timeout(String setting) {
        return timeout -> {
            if (timeout.isZero() || timeout.isNegative() || timeout.compareTo(MAX_TIMEOUT) > 0) {
                throw new AirbyteEmbeddedConfigException(setting,
                        "must be positive and at most " + MAX_TIMEOUT.toMinutes() + " minutes, was " + timeout);
            }
            return timeout;
        };
    }

    static UnaryOperator<Duration> between(String setting, Duration min, Duration max) {
        return value -> {
            if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
                throw new AirbyteEmbeddedConfigException(setting,
                        "must be between " + Settings.format(min) + " and " + Settings.format(max) + ", was " + Settings.format(value));
            }
            return value;
        };
    }

    static UnaryOperator<Duration> atMost(String setting, Duration max) {
        return value -> {
            if (value.isNegative() || value.compareTo(max) > 0) {
                throw new AirbyteEmbeddedConfigException(setting,
                        "must be between 0 and " + max.toMinutes() + " minutes, was " + value);
            }
            return value;
        };
    }

    static UnaryOperator<String> uuid(String setting) {
        return value -> {
            if (value != null && !UUID_PATTERN.matcher(value).matches()) {
                throw new AirbyteEmbeddedConfigException(setting, "'" + value + "' is not a UUID");
            }
            return value;
        };
    }

    static UnaryOperator<RateLimit> rateLimit(String setting) {
        return limit -> {
            if (!limit.enabled()) {
                return limit;
            }
            if (limit.permits() < 1 || limit.permits() > 1_000_000) {
                throw new AirbyteEmbeddedConfigException(setting, "permits must be between 1 and 1000000, was " + limit.permits());
            }
            if (limit.period().compareTo(Duration.ofSeconds(1)) < 0 || limit.period().compareTo(Duration.ofDays(1)) > 0) {
                throw new AirbyteEmbeddedConfigException(setting, "the period must be between 1 second and 1 day, was " + limit.period());
            }
            return limit;
        };
    }

    static UnaryOperator<String> path(String setting, String example) {
        return path -> {
            if (!path.startsWith("/") || path.length() < 2 || path.endsWith("/")) {
                throw new AirbyteEmbeddedConfigException(setting,
                        "'" + path + "' must start with '/', name a path and not end with '/', such as " + example);
            }
            for (char c : path.toCharArray()) {
                if (c <= ' ' || c == '?' || c == '#' || c == ';' || c == '*' || c == '%' || c == '\\' || c >= 0x7f) {
                    throw new AirbyteEmbeddedConfigException(setting,
                            "'" + path + "' must be a plain path without spaces, wildcards, '?', '#', ';', '%' or '\\'");
                }
            }
            if (path.contains("//") || path.contains("/./") || path.contains("/../") || path.endsWith("/.") || path.endsWith("/..")) {
                throw new AirbyteEmbeddedConfigException(setting, "'" + path + "' must be a normalised path");
            }
            return path;
        };
    }

    /** The origins, each in browser serialization, without duplicates; at least one. */
    static UnaryOperator<List<String>> origins(String setting) {
        return values -> {
            if (values.isEmpty()) {
                throw new AirbyteEmbeddedConfigException(setting,
                        "is required: list the origins of the pages that host the widget, such as https://app.example.com");
            }
            Set<String> origins = new LinkedHashSet<>();
            for (String value : values) {
                origins.add(origin(setting, value));
            }
            return List.copyOf(origins);
        };
    }

    /** An origin in browser serialization, or {@code null} for none. */
    static UnaryOperator<String> optionalOrigin(String setting) {
        return value -> value == null ? null : origin(setting, value);
    }

    private static String origin(String setting, String value) {
        try {
            return Origin.parseConfigured(value).serialized();
        } catch (IllegalArgumentException e) {
            throw new AirbyteEmbeddedConfigException(setting, e.getMessage());
        }
    }

    /**
     * An absolute https URL (http on a loopback host), without user info, query, fragment or trailing
     * slash. A base that ends with {@code /api/v1} (as the vendor's docs write it) loses it, with a
     * warning: the client's paths start with {@code /api/v1}.
     */
    static UnaryOperator<String> apiBaseUrl(String setting) {
        return value -> {
            URI uri;
            try {
                uri = new URI(value.strip());
            } catch (URISyntaxException e) {
                throw new AirbyteEmbeddedConfigException(setting, "'" + value + "' is not a valid URI");
            }
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!uri.isAbsolute() || uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
                throw new AirbyteEmbeddedConfigException(setting,
                        "'" + value + "' must be an absolute https URL such as " + AirbyteEmbeddedConfig.DEFAULT_API_BASE_URI);
            }
            if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
                throw new AirbyteEmbeddedConfigException(setting, "must not have user info, a query or a fragment");
            }
            if (scheme.equals("http") && !isLoopback(uri.getHost())) {
                throw new AirbyteEmbeddedConfigException(setting,
                        "'" + value + "' uses http; only https is allowed, except on a loopback host (a local emulator)");
            }
            String text = uri.toString();
            while (text.endsWith("/")) {
                text = text.substring(0, text.length() - 1);
            }
            if (text.toLowerCase(Locale.ROOT).endsWith(API_VERSION_PATH)) {
                String base = text.substring(0, text.length() - API_VERSION_PATH.length());
                LOG.log(Level.WARNING, "{0}={1} ends with {2}, which the library adds to every call itself: it uses {3}. "
                        + "Set {0}={3}.", setting, text, API_VERSION_PATH, base);
                return base;
            }
            return text;
        };
    }

    /**
     * Whether a URL's host is a loopback address: {@code localhost} or an address literal, never a name
     * that would have to be resolved.
     */
    public static boolean isLoopback(String host) {
        if (host == null) {
            return false;
        }
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (!bare.matches("[0-9.]+") && !bare.contains(":")) {
            return false; // a name other than localhost: never resolved here
        }
        try {
            return InetAddress.getByName(bare).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
