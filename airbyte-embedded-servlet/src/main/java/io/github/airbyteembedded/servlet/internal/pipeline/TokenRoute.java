package io.github.airbyteembedded.servlet.internal.pipeline;

import io.github.airbyteembedded.servlet.TokenRouteListener;
import io.github.airbyteembedded.servlet.internal.stats.RouteMetrics;
import io.github.airbyteembedded.servlet.internal.upstream.WidgetToken;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The token route: {@code POST <token-path>} → the authenticated user's workspace and the request's
 * exact origin → a widget token, {@code {"token", "expiresAt"}}. After the checks, with the token
 * route's per-user rate limit, and the admission of the call to Airbyte. A body is never read for its
 * content. Outcomes are counted in the statistics.
 */
public final class TokenRoute implements Route {

    /** Mints a widget token bound to a workspace and an origin. */
    @FunctionalInterface
    public interface Minter {
        CompletableFuture<WidgetToken> mint(String workspaceName, Origin origin);
    }

    private final RequestChecks.Rules rules;
    private final UpstreamCall upstream;
    private final Minter minter;
    private final Exchange.Outcomes outcomes;

    public TokenRoute(Optional<RateLimiter> rateLimiter, UpstreamCall upstream, Minter minter, RouteMetrics metrics) {
        this.rules = Route.rules("POST", rateLimiter);
        this.upstream = upstream;
        this.minter = minter;
        this.outcomes = (outcome, startedNanos) -> metrics.outcome(outcome, Duration.ofNanos(System.nanoTime() - startedNanos));
    }

    @Override
    public boolean answers(RoutePaths.Target target) {
        return target == RoutePaths.Target.TOKEN;
    }

    @Override
    public RequestChecks.Rules rules(String path) {
        return rules;
    }

    @Override
    public Exchange.Outcomes outcomes() {
        return outcomes;
    }

    @Override
    public void handle(Exchange exchange, String path, CheckedRequest request) throws IOException {
        upstream.call(exchange, () -> minter.mint(request.workspaceName(), request.origin().orElseThrow()),
                (out, token) -> {
                    JsonResponses.token(out, token);
                    exchange.count(TokenRouteListener.OK);
                });
    }
}
