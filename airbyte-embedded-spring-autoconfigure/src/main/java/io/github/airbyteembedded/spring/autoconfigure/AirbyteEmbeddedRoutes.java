package io.github.airbyteembedded.spring.autoconfigure;

import io.github.airbyteembedded.servlet.AirbyteEmbeddedConfig;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Objects;

/**
 * The one place that knows which paths are Airbyte Embedded's routes, for the Spring Security
 * integration (JSON 401 for anonymous users, CSRF exemption). Matches exactly as the filter does:
 * the request URI without its context path and {@code ;} parameters, compared as a plain string.
 *
 * <p>The routes: the token route ({@link AirbyteEmbeddedConfig#tokenPath()}), {@code GET
 * /api/airbyte/sources}, {@code DELETE /api/airbyte/sources/{id}} and {@code POST
 * /api/airbyte/source-events}, all methods of each.
 */
final class AirbyteEmbeddedRoutes {

    /**
     * The connected-sources routes beside the token route.
     *
     * <p>TODO(lead): read these from the core once it publishes its route paths, so that they stay in
     * one place across modules.
     */
    static final String SOURCES_PATH = "/api/airbyte/sources";

    /** The route by which the bootstrap script reports a {@code source_created} event. */
    static final String SOURCE_EVENTS_PATH = "/api/airbyte/source-events";

    private final String tokenPath;

    private AirbyteEmbeddedRoutes(String tokenPath) {
        this.tokenPath = tokenPath;
    }

    static AirbyteEmbeddedRoutes of(AirbyteEmbeddedConfig config) {
        return new AirbyteEmbeddedRoutes(Objects.requireNonNull(config, "config").tokenPath());
    }

    /** The routes as path patterns (for documentation and logging): {@code *} is one path segment. */
    List<String> patterns() {
        return List.of(tokenPath, SOURCES_PATH, SOURCES_PATH + "/*", SOURCE_EVENTS_PATH);
    }

    /** Whether the request is addressed to one of the routes, with any method. */
    boolean matches(HttpServletRequest request) {
        String path = pathWithinApplication(request);
        if (path == null) {
            return false;
        }
        if (path.equals(tokenPath) || path.equals(SOURCES_PATH) || path.equals(SOURCE_EVENTS_PATH)) {
            return true;
        }
        if (path.startsWith(SOURCES_PATH + "/")) {
            String id = path.substring(SOURCES_PATH.length() + 1);
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
