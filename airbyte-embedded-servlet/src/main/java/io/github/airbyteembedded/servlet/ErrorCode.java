package io.github.airbyteembedded.servlet;

import java.util.Locale;

/**
 * The stable error codes of the token route, each with the HTTP status it is answered with.
 *
 * <p>Every error response of the route is a JSON object {@code {"error": "<code>", "message":
 * "<short text>"}}. The {@code error} value is one of {@link #code()} below and never changes
 * between releases; the message is for humans and may.
 *
 * <p>{@code Retry-After}: every {@code 503} and {@code 429} carries it (in whole seconds: Airbyte's own
 * value when it sent one, else a default), because these say "not now, later" and a client can wait
 * that long. A {@code 502} never does: Airbyte answered something wrong or refused the credentials, and
 * waiting a set time is not known to help. A {@code 504} never does either: the request already waited
 * the whole deadline, and there is no estimate of when Airbyte will be faster.
 *
 * <pre>{@code
 * fetch("/api/airbyte/widget-token", {method: "POST"})
 *   .then(r => r.ok ? r.json() : r.json().then(e => { throw e.error; }));   // e.g. "origin_not_allowed"
 * }</pre>
 *
 * @since 0.1.0
 */
public enum ErrorCode {

    /** No authenticated user: the workspace resolver found no principal (401). */
    UNAUTHENTICATED(401, "Sign in to connect your data."),

    /** The request's {@code Origin} is missing, {@code null} or not one of the allowed origins (403). */
    ORIGIN_NOT_ALLOWED(403, "This page's origin may not call this route."),

    /** The route was called with a method it does not answer (405, with {@code Allow} listing the ones it does). */
    METHOD_NOT_ALLOWED(405, "This route does not answer this method; the Allow header lists the ones it does."),

    /** The source does not exist in the user's workspace; nothing was changed (404). */
    SOURCE_NOT_FOUND(404, "No such source in your workspace."),

    /**
     * The request is not what the route expects: a source event without a source id, or a path with
     * parameters ({@code ;x=1}) (400).
     */
    INVALID_REQUEST(400, "The request is not valid."),

    /**
     * The request announced a body that did not arrive within the body-read timeout (408, with {@code
     * Connection: close}).
     *
     * @since 0.2.0
     */
    REQUEST_TIMEOUT(408, "The request body did not arrive in time."),

    /** The request has a body larger than 4 KiB (413). The body is never used; send none. */
    PAYLOAD_TOO_LARGE(413, "The request body is too large; send no body or a small JSON one."),

    /** The request has a body that is not declared as JSON (415). */
    UNSUPPORTED_MEDIA_TYPE(415, "Send no body, or a JSON one (Content-Type: application/json)."),

    /**
     * The user sent more requests to a route than its per-user rate limit allows; retry after {@code
     * Retry-After} (429).
     */
    RATE_LIMITED(429, "Too many requests; try again shortly."),

    /** Too many calls to Airbyte are in flight in this application; retry after {@code Retry-After} (503). */
    OVERLOADED(503, "Too many requests are waiting on Airbyte; try again shortly."),

    /**
     * The shared store of the per-user rate limits ({@link RateLimitStore}) did not answer in time, and
     * the application is configured to fail closed ({@link AirbyteEmbeddedConfig#rateLimitStoreFailOpen()}
     * is {@code false}); retry after {@code Retry-After} (503).
     *
     * @since 0.2.0
     */
    RATE_LIMIT_STORE_UNAVAILABLE(503, "Request limits cannot be checked right now; try again shortly."),

    /**
     * The workspace name resolved for the user is empty, too long, or has control, format or
     * unassigned characters (400); see {@link WorkspaceResolver} for the rules.
     */
    INVALID_WORKSPACE_NAME(400, "The workspace name for this user is not valid."),

    /** Airbyte rejected the configured client credentials, the operator token or a workspace's scoped token (502). */
    UPSTREAM_CREDENTIALS_REJECTED(502, "Airbyte rejected this application's credentials."),

    /** Airbyte answered with an unexpected status or an unreadable body, or dropped the connection (502). */
    UPSTREAM_ERROR(502, "Airbyte returned an unexpected response."),

    /** Airbyte asked us to slow down (its 429); retry after {@code Retry-After} seconds (503). */
    UPSTREAM_RATE_LIMITED(503, "Airbyte is limiting requests; try again shortly."),

    /** Airbyte could not be reached or answered 502/503/504; retry after {@code Retry-After} (503). */
    UPSTREAM_UNAVAILABLE(503, "Airbyte is unavailable; try again shortly."),

    /** Airbyte did not answer within the configured timeouts (504). */
    UPSTREAM_TIMEOUT(504, "Airbyte did not answer in time."),

    /** An unexpected failure inside the route; the details are logged, never returned (500). */
    INTERNAL_ERROR(500, "Unexpected error.");

    private final int httpStatus;
    private final String code;
    private final String message;

    ErrorCode(int httpStatus, String message) {
        this.httpStatus = httpStatus;
        this.code = name().toLowerCase(Locale.ROOT);
        this.message = message;
    }

    /**
     * Returns the value of the {@code error} field of the JSON error body, for example {@code
     * "origin_not_allowed"}.
     *
     * @return the stable, lower-case code
     */
    public String code() {
        return code;
    }

    /**
     * Returns the HTTP status the route answers with for this code.
     *
     * @return an HTTP status between 400 and 599
     */
    public int httpStatus() {
        return httpStatus;
    }

    /**
     * Returns the short, human-readable default message of the JSON error body, for code that answers
     * on the route's behalf (the Spring Boot layer's 401 for anonymous users, for example). Unlike
     * {@link #code()}, the message may change between releases.
     *
     * @return the message, never containing a secret
     */
    public String message() {
        return message;
    }
}
