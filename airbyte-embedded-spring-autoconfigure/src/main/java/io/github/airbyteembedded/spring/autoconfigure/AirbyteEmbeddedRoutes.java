package io.github.airbyteembedded.spring.autoconfigure;

import io.github.airbyteembedded.servlet.AirbyteEmbeddedConfig;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Objects;

/**
 * The one place that knows which paths are Airbyte Embedded's routes, for the Spring Security
 * integration (JSON 401 for anonymous users, CSRF exemption), taken from the core's configuration.
 * Matches exactly as the filter does: the request URI without its context path and {@code ;}
 * parameters, compared as a plain string.
 *
 * <p>The routes, with any method: the token route ({@link AirbyteEmbeddedConfig#tokenPath()}) and,
 * unless the sources routes are off, {@link AirbyteEmbeddedConfig#sourcesPath()}, one path segment
 * under it ({@code DELETE <sources-path>/{id}}) and {@link AirbyteEmbeddedConfig#sourceEventsPath()}.
 * The bootstrap script the filter serves is a public, immutable asset and is not one of them.
 */
final class AirbyteEmbeddedRoutes {

    private final String tokenPath;
    private final String sourcesPath;
    private final String sourceEventsPath;

    private AirbyteEmbeddedRoutes(String tokenPath, String sourcesPath, String sourceEventsPath) {
        this.tokenPath = tokenPath;
        this.sourcesPath = sourcesPath;
        this.sourceEventsPath = sourceEventsPath;
    }

    static AirbyteEmbeddedRoutes of(AirbyteEmbeddedConfig config) {
        Objects.requireNonNull(config, "config");
        return config.sourceRoutesEnabled()
                ? new AirbyteEmbeddedRoutes(config.tokenPath(), config.sourcesPath(), config.sourceEventsPath())
                : new AirbyteEmbeddedRoutes(config.tokenPath(), null, null);
    }

    /** The routes as path patterns (for documentation and logging): {@code *} is one path segment. */
    List<String> patterns() {
        return sourcesPath == null ? List.of(tokenPath)
                : List.of(tokenPath, sourcesPath, sourcesPath + "/*", sourceEventsPath);
    }

    /** Whether the request is addressed to one of the routes, with any method. */
    boolean matches(HttpServletRequest request) {
        String path = pathWithinApplication(request);
        if (path == null) {
            return false;
        }
        if (path.equals(tokenPath)) {
            return true;
        }
        if (sourcesPath == null) {
            return false;
        }
        if (path.equals(sourcesPath) || path.equals(sourceEventsPath)) {
            return true;
        }
        if (path.startsWith(sourcesPath + "/")) {
            String id = path.substring(sourcesPath.length() + 1);
            return !id.isEmpty() && id.indexOf('/') < 0;
        }
        return false;
    }
    private static String pathWithinApplication(HttpServletRequest request) {
        String uri = request.getRequestURI();
        if (uri == null) {
            return null;
        }
        int parameters = uri.indexOf(';');
        String path = parameters >= 0 ? uri.substring(0, parameters) : uri;
        String contextPath = request.getContextPath() == null ? "" : request.getContextPath();
        return path.startsWith(contextPath) ? path.substring(contextPath.length()) : null;
    }

    @Override
    public String toString() {
        return "AirbyteEmbeddedRoutes" + patterns();
    }
}
