package io.github.airbyteembedded.servlet;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A failed call to Airbyte, already classified into the {@link ErrorCode} the route answers with.
 *
 * <p>The message names the call and the upstream status only: the upstream body is never kept,
 * because it may echo a credential.
 */
final class UpstreamException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final ErrorCode errorCode;
    private final int upstreamStatus;
    private final Duration retryAfter;
    private final Duration upstreamRetryAfter;
    private final boolean operatorTokenRejected;

    private UpstreamException(ErrorCode errorCode, String message, int upstreamStatus, Duration retryAfter,
            Duration upstreamRetryAfter, boolean operatorTokenRejected, Throwable cause) {
        super(message, cause, false, true);
        this.errorCode = Objects.requireNonNull(errorCode, "errorCode");
        this.upstreamStatus = upstreamStatus;
        this.retryAfter = retryAfter;
        this.upstreamRetryAfter = upstreamRetryAfter;
        this.operatorTokenRejected = operatorTokenRejected;
    }

    static UpstreamException status(ErrorCode errorCode, String call, int status, Duration retryAfter) {
        return status(errorCode, call, status, retryAfter, null);
    }

    /** An unwelcome status; {@code upstreamRetryAfter} is the Retry-After Airbyte sent, if any. */
    static UpstreamException status(ErrorCode errorCode, String call, int status, Duration retryAfter, Duration upstreamRetryAfter) {
        return new UpstreamException(errorCode, call + " answered HTTP " + status, status, retryAfter, upstreamRetryAfter, false, null);
    }

    static UpstreamException operatorTokenRejected(String call, int status) {
        return new UpstreamException(ErrorCode.UPSTREAM_CREDENTIALS_REJECTED,
                call + " rejected the operator token (HTTP " + status + ")", status, null, null, true, null);
    }

    static UpstreamException failure(ErrorCode errorCode, String message, Duration retryAfter, Throwable cause) {
        return new UpstreamException(errorCode, message, -1, retryAfter, null, false, cause);
    }

    ErrorCode errorCode() {
        return errorCode;
    }

    /** The HTTP status Airbyte answered with, or -1 when there was no response. */
    int upstreamStatus() {
        return upstreamStatus;
    }

    /** The Retry-After the route answers with. */
    Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** The Retry-After Airbyte itself sent, if it sent one. */
    Optional<Duration> upstreamRetryAfter() {
        return Optional.ofNullable(upstreamRetryAfter);
    }

    /** Whether Airbyte refused the operator token itself, so a fresh one may succeed. */
    boolean isOperatorTokenRejected() {
        return operatorTokenRejected;
    }
}
