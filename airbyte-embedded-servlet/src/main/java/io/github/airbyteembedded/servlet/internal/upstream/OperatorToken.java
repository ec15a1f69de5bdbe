package io.github.airbyteembedded.servlet.internal.upstream;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * An Airbyte application ("operator") token and its lifetime as announced by {@code expires_in}.
 *
 * @param accessToken the bearer token; printed redacted
 * @param expiresIn the lifetime the token endpoint announced
 * @param fetchedAt when the token was received, on the configured clock
 */
public record OperatorToken(Secret accessToken, Duration expiresIn, Instant fetchedAt) implements BearerToken {

    public OperatorToken {
        Objects.requireNonNull(accessToken, "accessToken");
        Objects.requireNonNull(expiresIn, "expiresIn");
        Objects.requireNonNull(fetchedAt, "fetchedAt");
    }

    /**
     * How long the token may be served from the cache: its lifetime minus the refresh skew, or half
     * its lifetime when the skew would leave less than that.
     */
    public Duration cacheLifetime(Duration refreshSkew) {
        return BearerToken.cacheLifetime(expiresIn, refreshSkew);
    }

    @Override
    public String kind() {
        return "operator token";
    }

    @Override
    public String toString() {
        return "OperatorToken{accessToken=" + accessToken + ", expiresIn=" + expiresIn + ", fetchedAt=" + fetchedAt + "}";
    }
}
