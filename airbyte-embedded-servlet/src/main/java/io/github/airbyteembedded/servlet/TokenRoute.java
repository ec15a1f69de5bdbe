package io.github.airbyteembedded.servlet;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * The token route: {@code POST <token-path>} → the authenticated user's workspace and the request's
 * exact origin → a widget token, {@code {"token", "expiresAt"}}. After the common checks of {@link
 * Route}: the per-user rate limit, then the bound on calls in flight. A body is never read for its
 * content. Outcomes are counted in the statistics.
 */
final class TokenRoute extends Route {

    private static final Set<String> METHODS = Set.of("POST");

    TokenRoute(AirbyteEmbedded airbyte) {
        super(airbyte);
    }

    @Override
    boolean matches(String uri, int from, int to) {
        return isExactly(uri, from, to, config.tokenPath());
    }

    @Override
    Set<String> methods(String path) {
        return METHODS;
    }

    @Override
    void outcome(String outcome, long startedNanos) {
        airbyte.metrics().outcome(outcome, Duration.ofNanos(System.nanoTime() - startedNanos));
    }

    @Override
    void handleChecked(HttpServletRequest request, HttpServletResponse response, String path, Checked checked)
            throws IOException {
        Optional<UserRateLimiter> limiter = airbyte.rateLimiter();
        if (limiter.isPresent()) {
            Optional<Duration> wait = limiter.get().tryAcquire(rateLimitKey(request, checked.workspaceName()));
            if (wait.isPresent()) {
                refuse(response, ErrorCode.RATE_LIMITED, wait.get(), checked.startedNanos());
                return;
            }
        }
        callAirbyte(request, response, checked,
                () -> airbyte.mintWidgetToken(checked.workspaceName(), checked.origin().orElseThrow()),
                (out, token) -> {
                    JsonResponses.token(out, token);
                    outcome(TokenRouteListener.OK, checked.startedNanos());
                });
    }

    private static String rateLimitKey(HttpServletRequest request, String workspaceName) {
        Principal principal = request.getUserPrincipal();
        return principal != null && principal.getName() != null ? "principal:" + principal.getName() : "workspace:" + workspaceName;
    }
}
