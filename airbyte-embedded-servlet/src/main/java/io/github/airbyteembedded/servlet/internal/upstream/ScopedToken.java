package io.github.airbyteembedded.servlet.internal.upstream;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A token scoped to one workspace ({@code POST /api/v1/account/applications/scoped-token}): Airbyte
 * lets it see and change that workspace's sources only.
 *
 * @param accessToken the bearer token, a JWT; printed redacted
 * @param lifetime how long it lives from {@code fetchedAt}: until the JWT's {@code exp} when it has one,
 *     else {@link #DOCUMENTED_LIFETIME}; at most {@link #MAX_LIFETIME}
 * @param fetchedAt when the token was received, on the configured clock
 */
public record ScopedToken(Secret accessToken, Duration lifetime, Instant fetchedAt) implements BearerToken {

    /** The lifetime Airbyte documents for scoped tokens, assumed when the token carries no {@code exp}. */
    static final Duration DOCUMENTED_LIFETIME = Duration.ofMinutes(20);

    /** The longest a scoped token is trusted to live, whatever its {@code exp} says. */
    static final Duration MAX_LIFETIME = Duration.ofHours(1);

    public ScopedToken {
        Objects.requireNonNull(accessToken, "accessToken");
        Objects.requireNonNull(lifetime, "lifetime");
        Objects.requireNonNull(fetchedAt, "fetchedAt");
    }

    /**
     * Reads a token as the scoped-token endpoint returns it. Its lifetime runs to the JWT's {@code exp};
     * when there is none, or it is not after {@code fetchedAt} (a clock that differs from Airbyte's), the
     * documented 20 minutes.
     */
    static ScopedToken of(String token, Instant fetchedAt) {
        Duration lifetime = JwtClaims.expiry(token)
                .map(exp -> Duration.between(fetchedAt, exp))
                .filter(duration -> !duration.isNegative() && !duration.isZero())
                .orElse(DOCUMENTED_LIFETIME);
        return new ScopedToken(Secret.of(token), lifetime.compareTo(MAX_LIFETIME) > 0 ? MAX_LIFETIME : lifetime, fetchedAt);
    }

    /** How long the token may be served from the cache (see {@link BearerToken#cacheLifetime}). */
    Duration cacheLifetime(Duration refreshSkew) {
        return BearerToken.cacheLifetime(lifetime, refreshSkew);
    }

    @Override
    public String kind() {
        return "scoped token";
    }

    @Override
    public String toString() {
        return "ScopedToken{accessToken=" + accessToken + ", lifetime=" + lifetime + ", fetchedAt=" + fetchedAt + "}";
    }
}
