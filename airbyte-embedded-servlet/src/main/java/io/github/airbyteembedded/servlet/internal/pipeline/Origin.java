package io.github.airbyteembedded.servlet.internal.pipeline;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * A web origin (scheme, host, port) in the form browsers serialize it: lower-case scheme and host,
 * and the port only when it is not the scheme's default.
 *
 * <p>Two parsers: {@link #parseConfigured(String)} for trusted configuration, which explains what is
 * wrong, and {@link #parseHeader(String)} for the request's {@code Origin} header, which accepts only
 * what a browser sends and says nothing about why it refused. Neither ever matches by prefix, suffix
 * or pattern: equality of {@link #serialized()} is the only comparison.
 */
public record Origin(String scheme, String host, int port) {

    private static final int MAX_LENGTH = 2048;
    private static final int MAX_PORT = 65535;

    /** Returns the browser serialization, for example {@code https://app.example.com} or {@code http://localhost:8080}. */
    public String serialized() {
        return port == -1 ? scheme + "://" + host : scheme + "://" + host + ":" + port;
    }

    @Override
    public String toString() {
        return serialized();
    }

    /**
     * Parses an {@code Origin} request header. Returns empty for anything a browser would not send as
     * the origin of an http(s) page: absent, {@code null}, a list, a path or trailing slash, user
     * info, a query, a fragment, another scheme.
     */
    static Optional<Origin> parseHeader(String value) {
        if (value == null || value.isEmpty() || value.length() > MAX_LENGTH || "null".equalsIgnoreCase(value)) {
            return Optional.empty();
        }
        try {
            return Optional.of(parse(value));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * Parses a configured allowed origin.
     *
     * @throws IllegalArgumentException with a message that says what is wrong and what to write
     *     instead
     */
    public static Origin parseConfigured(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("an allowed origin is blank");
        }
        if ("null".equalsIgnoreCase(value.strip())) {
            throw new IllegalArgumentException("the origin 'null' can never be allowed");
        }
        if (value.contains("*")) {
            throw new IllegalArgumentException("'" + value + "' has a wildcard; list each origin exactly");
        }
        return parse(value.strip());
    }

    private static Origin parse(String value) {
        if (value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("an origin is longer than " + MAX_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + value + "' is not an origin of the form scheme://host[:port]");
        }
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!"https".equals(scheme) && !"http".equals(scheme)) {
            throw new IllegalArgumentException(
                    "'" + value + "' must start with https:// or http://, as in https://app.example.com");
        }
        if (uri.getRawAuthority() == null || uri.getHost() == null) {
            throw new IllegalArgumentException("'" + value + "' has no host; write scheme://host[:port]");
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("'" + value + "' has user info; an origin is scheme://host[:port]");
        }
        if (!uri.getRawPath().isEmpty()) {
            throw new IllegalArgumentException(
                    "'" + value + "' has a path or a trailing slash; an origin is scheme://host[:port], as in "
                            + scheme + "://" + uri.getRawAuthority());
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("'" + value + "' has a query or fragment; an origin is scheme://host[:port]");
        }
        if (uri.getRawAuthority().endsWith(":")) {
            throw new IllegalArgumentException("'" + value + "' ends with ':' but has no port");
        }
        int port = uri.getPort();
        if (port > MAX_PORT) {
            throw new IllegalArgumentException("'" + value + "' has a port above " + MAX_PORT);
        }
        if (port == defaultPort(scheme)) {
            port = -1;
        }
        return new Origin(scheme, uri.getHost().toLowerCase(Locale.ROOT), port);
    }

    private static int defaultPort(String scheme) {
        return "https".equals(scheme) ? 443 : 80;
    }
}
