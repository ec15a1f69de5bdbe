package io.github.airbyteembedded.spring.autoconfigure;

import io.github.airbyteembedded.servlet.AirbyteEmbedded;
import io.github.airbyteembedded.servlet.AirbyteEmbeddedConfig;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Objects;

/**
 * The routes of Airbyte Embedded for the Spring Security integration (JSON 401 for anonymous users,
 * CSRF exemption). Which requests are the routes' is the filter's own decision, {@link
 * AirbyteEmbedded#isRouteRequest(HttpServletRequest)}, so that the integration and the filter never
 * disagree: a request is exempt from the CSRF check exactly when the filter answers it.
 *
 * <p>The routes, with any method: the token route ({@link AirbyteEmbeddedConfig#tokenPath()}) and,
 * unless the sources routes are off, {@link AirbyteEmbeddedConfig#sourcesPath()}, one path segment
 * under it ({@code DELETE <sources-path>/{id}}) and {@link AirbyteEmbeddedConfig#sourceEventsPath()}.
 * The bootstrap script the filter serves is a public, immutable asset and is not one of them.
 */
final class AirbyteEmbeddedRoutes {

    private final AirbyteEmbedded airbyte;

    private AirbyteEmbeddedRoutes(AirbyteEmbedded airbyte) {
        this.airbyte = airbyte;
    }

    static AirbyteEmbeddedRoutes of(AirbyteEmbedded airbyte) {
        return new AirbyteEmbeddedRoutes(Objects.requireNonNull(airbyte, "airbyte"));
    }

    /** The routes as path patterns (for documentation and logging): {@code *} is one path segment. */
    List<String> patterns() {
        AirbyteEmbeddedConfig config = airbyte.config();
        return config.sourceRoutesEnabled()
                ? List.of(config.tokenPath(), config.sourcesPath(), config.sourcesPath() + "/*", config.sourceEventsPath())
                : List.of(config.tokenPath());
    }

    /** Whether the request is addressed to one of the routes, with any method. */
    boolean matches(HttpServletRequest request) {
        return airbyte.isRouteRequest(request);
    }

    @Override
    public String toString() {
        return "AirbyteEmbeddedRoutes" + patterns();
    }
}
