package io.github.airbyteembedded.servlet.internal.upstream;

import java.time.Duration;

/**
 * A token the library sends to Airbyte as {@code Authorization: Bearer}: the application's operator
 * token, or the scoped token of one workspace.
 */
public sealed interface BearerToken permits OperatorToken, ScopedToken {

    /** The token itself, for the {@code Authorization} header only; printed redacted. */
    Secret accessToken();

    /** What the token is, for messages: {@code "operator token"} or {@code "scoped token"}. */
    String kind();

    /**
     * How long a token that lives {@code lifetime} may be served from a cache: its lifetime minus the
     * refresh skew, or half its lifetime when the skew would leave less than that.
     */
    static Duration cacheLifetime(Duration lifetime, Duration refreshSkew) {
        Duration kept = lifetime.minus(refreshSkew);
        Duration half = lifetime.dividedBy(2);
        return kept.compareTo(half) >= 0 ? kept : half;
    }
}
