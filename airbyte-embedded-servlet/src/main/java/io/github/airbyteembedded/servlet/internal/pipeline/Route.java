package io.github.airbyteembedded.servlet.internal.pipeline;

import java.io.IOException;
import java.util.Optional;
import java.util.Set;

/**
 * One route of the filter: the paths it answers, what {@link RequestChecks} must allow there, and its
 * own work once the request passed the checks and its body was read ({@link Pipeline}).
 */
public interface Route {

    /** Whether this route answers requests to the target. */
    boolean answers(RoutePaths.Target target);

    /** The methods this route answers at the path, and the per-user rate limit of requests to it. */
    RequestChecks.Rules rules(String path);

    /** Told about every answered request (preflights excepted); the token route counts them. */
    default Exchange.Outcomes outcomes() {
        return Exchange.Outcomes.NONE;
    }

    /** The route's own work, after the checks passed and the body was read. */
    void handle(Exchange exchange, String path, CheckedRequest request) throws IOException;

    /** Rules with one method and an optional rate limit. */
    static RequestChecks.Rules rules(String method, Optional<RateLimiter> rateLimiter) {
        return new RequestChecks.Rules(Set.of(method), rateLimiter);
    }
}
