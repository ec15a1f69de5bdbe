package io.github.airbyteembedded.servlet;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether the application can currently obtain an Airbyte operator token, for health checks.
 *
 * <p>Never contains the token. See {@link AirbyteEmbedded#checkOperatorToken()}.
 *
 * <pre>{@code
 * OperatorTokenStatus status = airbyte.checkOperatorToken().join();
 * if (!status.available()) {
 *     log.warn("Airbyte: {}", status.error().map(ErrorCode::code).orElse("unknown"));
 * }
 * }</pre>
 *
 * @since 0.1.0
 */
public final class OperatorTokenStatus {

    private final boolean available;
    private final Instant refreshAt;
    private final ErrorCode error;
    private final Instant checkedAt;

    private OperatorTokenStatus(boolean available, Instant refreshAt, ErrorCode error, Instant checkedAt) {
        this.available = available;
        this.refreshAt = refreshAt;
        this.error = error;
        this.checkedAt = Objects.requireNonNull(checkedAt, "checkedAt");
    }

    static OperatorTokenStatus available(Instant refreshAt, Instant checkedAt) {
        return new OperatorTokenStatus(true, Objects.requireNonNull(refreshAt, "refreshAt"), null, checkedAt);
    }

    static OperatorTokenStatus unavailable(ErrorCode error, Instant checkedAt) {
        return new OperatorTokenStatus(false, null, Objects.requireNonNull(error, "error"), checkedAt);
    }

    /**
     * Returns whether a valid operator token is held.
     *
     * @return {@code true} when a token is cached
     */
    public boolean available() {
        return available;
    }

    /**
     * Returns when the held token will be replaced by a fresh one.
     *
     * @return the refresh instant, or empty when no token is held
     */
    public Optional<Instant> refreshAt() {
        return Optional.ofNullable(refreshAt);
    }

    /**
     * Returns why no token could be obtained.
     *
     * @return the error code of the last failed attempt, or empty when a token is held
     */
    public Optional<ErrorCode> error() {
        return Optional.ofNullable(error);
    }

    /**
     * Returns when Airbyte was last asked, or the cache last consulted, for this status.
     *
     * @return the instant of the check, on the configured clock
     */
    public Instant checkedAt() {
        return checkedAt;
    }

    @Override
    public String toString() {
        return available ? "OperatorTokenStatus{available, refreshAt=" + refreshAt + "}"
                : "OperatorTokenStatus{unavailable, error=" + error.code() + ", checkedAt=" + checkedAt + "}";
    }
}
