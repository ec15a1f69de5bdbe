package io.github.airbyteembedded.servlet;

import io.github.airbyteembedded.servlet.internal.upstream.Failures;
import io.github.airbyteembedded.servlet.internal.upstream.UpstreamException;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A failed call to the Airbyte API, classified into the {@link ErrorCode} the routes answer with.
 *
 * <p>The futures of the Java API ({@link ConnectedSources}) complete exceptionally with it. The
 * message names the call and the upstream status only: the upstream body is never kept, because it
 * may echo a credential.
 *
 * <pre>{@code
 * airbyte.sources().list("alice").exceptionally(failure -> {
 *     if (failure.getCause() instanceof AirbyteApiException e && e.errorCode() == ErrorCode.UPSTREAM_TIMEOUT) { ... }
 *     return List.of();
 * });
 * }</pre>
 *
 * @since 0.1.0
 */
public final class AirbyteApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The failure of the call, as the upstream client classified it; also the cause. */
    private final UpstreamException failure;

    private AirbyteApiException(UpstreamException failure) {
        super(failure.getMessage(), failure, false, true);
        this.failure = failure;
    }

    /**
     * What the Java API completes a future with when it failed: an internal failure of a call to
     * Airbyte as this exception, anything else (a bug) as it is.
     */
    static Throwable of(Throwable failure) {
        Throwable cause = Failures.cause(failure);
        return cause instanceof UpstreamException upstream ? new AirbyteApiException(upstream) : cause;
    }

    /**
     * Returns the error code the routes answer this failure with.
     *
     * @return the error code, one of the {@code upstream_*} codes
     */
    public ErrorCode errorCode() {
        return failure.errorCode();
    }

    /**
     * Returns the HTTP status Airbyte answered with.
     *
     * @return the status, or empty when there was no response (timeout, connection failure)
     */
    public OptionalInt upstreamStatus() {
        return failure.upstreamStatus();
    }

    /**
     * Returns how long to wait before trying again, when that is known or advisable.
     *
     * @return the wait, present for the 503 codes
     */
    public Optional<Duration> retryAfter() {
        return failure.retryAfter();
    }
}
