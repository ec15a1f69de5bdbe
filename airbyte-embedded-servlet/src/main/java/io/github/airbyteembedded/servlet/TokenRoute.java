package io.github.airbyteembedded.servlet;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * The token route: {@code POST <token-path>} → the authenticated user's workspace and the request's
 * exact origin → a widget token, {@code {"token", "expiresAt"}}. After the common checks of {@link
 * Route}, with the token route's per-user rate limit: the bound on calls in flight. A body is never
 * read for its content. Outcomes are counted in the statistics.
 */
final class TokenRoute extends Route {

    private static final Set<String> METHODS = Set.of("POST");

    TokenRoute(AirbyteEmbedded airbyte) {
        super(airbyte);
    }

    @Override
    boolean answers(RoutePaths.Target target) {
        return target == RoutePaths.Target.TOKEN;
    }

    @Override
    Set<String> methods(String path) {
        return METHODS;
    }

    @Override
    Optional<RateLimiter> rateLimiter(String path) {
        return airbyte.tokenRateLimiter();
    }

    @Override
    void outcome(String outcome, long startedNanos) {
        airbyte.metrics().outcome(outcome, Duration.ofNanos(System.nanoTime() - startedNanos));
    }

    @Override
    void handleChecked(Exchange exchange, String path, Checked checked) throws IOException {
        callAirbyte(exchange, checked,
                () -> airbyte.mintWidgetToken(checked.workspaceName(), checked.origin().orElseThrow()),
                (out, token) -> {
                    JsonResponses.token(out, token);
                    outcome(TokenRouteListener.OK, checked.startedNanos());
                });
    }
}
