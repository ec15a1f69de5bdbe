package io.github.airbyteembedded.servlet.internal.upstream;

import io.github.airbyteembedded.servlet.ErrorCode;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A failed call to the Airbyte API, classified into the {@link ErrorCode} the routes answer with: what
 * the upstream client and its token caches throw. The Java API turns it into the public {@link
 * AirbyteApiException} at its boundary. The message names the call and the upstream status only: the
 * upstream body is never kept, because it may echo a credential.
 */
public final class UpstreamException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The code the routes answer with. */
    private final ErrorCode errorCode;
    /** Airbyte's HTTP status, or -1 without a response. */
    private final int upstreamStatus;
    /** The Retry-After the routes answer with, or null. */
    private final Duration retryAfter;
    /** The Retry-After Airbyte sent, or null. */
    private final Duration upstreamRetryAfter;
    /** Whether Airbyte refused the call's bearer token itself (operator or scoped). */
    private final boolean tokenRejected;

    private UpstreamException(ErrorCode errorCode, String message, int upstreamStatus, Duration retryAfter,
            Duration upstreamRetryAfter, boolean tokenRejected, Throwable cause) {
        super(message, cause, false, true);
        this.errorCode = Objects.requireNonNull(errorCode, "errorCode");
        this.upstreamStatus = upstreamStatus;
        this.retryAfter = retryAfter;
        this.upstreamRetryAfter = upstreamRetryAfter;
        this.tokenRejected = tokenRejected;
    }

    public static UpstreamException status(ErrorCode errorCode, String call, int status, Duration retryAfter) {
        return status(errorCode, call, status, retryAfter, null);
    }

    /** An unwelcome status; {@code upstreamRetryAfter} is the Retry-After Airbyte sent, if any. */
    public static UpstreamException status(ErrorCode errorCode, String call, int status, Duration retryAfter, Duration upstreamRetryAfter) {
        return new UpstreamException(errorCode, call + " answered HTTP " + status, status, retryAfter, upstreamRetryAfter, false, null);
    }

    /** Airbyte refused the call's bearer token; {@code kind} says which ({@link BearerToken#kind()}). */
    public static UpstreamException tokenRejected(String call, int status, String kind) {
        return new UpstreamException(ErrorCode.UPSTREAM_CREDENTIALS_REJECTED,
                call + " rejected the " + kind + " (HTTP " + status + ")", status, null, null, true, null);
    }

    public static UpstreamException failure(ErrorCode errorCode, String message, Duration retryAfter, Throwable cause) {
        return new UpstreamException(errorCode, message, -1, retryAfter, null, false, cause);
    }

    /**
     * Returns the error code the routes answer this failure with.
     *
     * @return the error code, one of the {@code upstream_*} codes
     */
    public ErrorCode errorCode() {
        return errorCode;
    }

    /**
     * Returns the HTTP status Airbyte answered with.
     *
     * @return the status, or empty when there was no response (timeout, connection failure)
     */
    public OptionalInt upstreamStatus() {
        return upstreamStatus < 0 ? OptionalInt.empty() : OptionalInt.of(upstreamStatus);
    }

    /**
     * Returns how long to wait before trying again, when that is known or advisable.
     *
     * @return the wait, present for the 503 codes
     */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** The Retry-After Airbyte itself sent, if it sent one. */
    public Optional<Duration> upstreamRetryAfter() {
        return Optional.ofNullable(upstreamRetryAfter);
    }

    /** Whether Airbyte refused the call's bearer token itself, so a fresh one may succeed. */
    public boolean isTokenRejected() {
        return tokenRejected;
    }
}
