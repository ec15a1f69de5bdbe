package io.github.airbyteembedded.servlet;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.security.Principal;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * What every route of the filter does before its own work, in this order, each refusal before any
 * call to Airbyte and before the body is read: path parameters refused, CORS preflight for allowed
 * origins, method, the authenticated user's workspace, the exact origin, the user's rate limit. Then
 * the body (small JSON or none), read without a container thread waiting on the client and within
 * the body-read timeout. Then the route's own work, whose calls to Airbyte run asynchronously ({@code
 * startAsync}); a request without async support gets the same answers, its thread waiting at most the
 * deadlines.
 *
 * <p>The origin rule: a request that carries an {@code Origin} header must carry an allowed one. A
 * request without one is refused too, except a {@code GET}: browsers omit {@code Origin} on same-origin
 * GETs, and a GET changes nothing (a cross-origin page still cannot read the answer, which carries no
 * CORS headers for it).
 */
abstract class Route {

    /** Bodies larger than this are refused. */
    static final int MAX_BODY_BYTES = RequestBody.MAX_BYTES;

    /** Retry-After of a request refused because too many are waiting on Airbyte. */
    static final Duration OVERLOADED_RETRY_AFTER = Duration.ofSeconds(1);

    private static final Logger LOG = System.getLogger(Route.class.getName());
    private static final List<String> PREFLIGHT_HEADERS = List.of("content-type", "x-csrf-token", "x-xsrf-token", "x-requested-with");

    final AirbyteEmbedded airbyte;
    final AirbyteEmbeddedConfig config;
    final Duration deadline;
    private final AtomicBoolean warnedAboutBlocking = new AtomicBoolean();

    /** What the common checks established about a request. */
    record Checked(String workspaceName, Optional<Origin> origin, byte[] body, long startedNanos) {
    }

    Route(AirbyteEmbedded airbyte) {
        this.airbyte = airbyte;
        this.config = airbyte.config();
        // Worst case: operator token fetch with its retries + the call, then once more after a 401.
        this.deadline = config.connectTimeout().plus(config.requestTimeout()).multipliedBy(4).plusSeconds(2);
    }

    /** Whether this route answers requests to the target. */
    abstract boolean answers(RoutePaths.Target target);

    /** The methods this route answers at the path. */
    abstract Set<String> methods(String path);

    /** The per-user rate limit of requests to the path (with one of its methods), if any. */
    abstract Optional<RateLimiter> rateLimiter(String path);

    /** The route's own work, after the common checks passed and the body was read. */
    abstract void handleChecked(Exchange exchange, String path, Checked checked) throws IOException;

    /** Called once per answered request (preflights excepted); the token route counts them. */
    void outcome(String outcome, long startedNanos) {
    }

    /**
     * Finds the route that answers a request, without allocating for requests to other paths.
     *
     * @return the route and what it matched, or {@code null}
     */
    static Matched match(HttpServletRequest request, RoutePaths paths, Route[] routes) {
        RoutePaths.Match match = paths.match(request);
        if (match == null) {
            return null;
        }
        for (Route route : routes) {
            if (route.answers(match.target())) {
                return new Matched(route, match);
            }
        }
        return null;
    }

    /** A route and the path it matched. */
    record Matched(Route route, RoutePaths.Match match) {
    }

    final void handle(HttpServletRequest request, HttpServletResponse response, RoutePaths.Match match) throws IOException {
        Exchange exchange = new Exchange(request, response, System.nanoTime());
        String path = match.path();
        if (match.hasPathParameters()) {
            refuse(exchange, ErrorCode.INVALID_REQUEST, null);
            return;
        }
        Optional<Origin> origin = allowedOrigin(request);
        response.addHeader("Vary", "Origin");
        Set<String> methods = methods(path);
        if ("OPTIONS".equals(request.getMethod())) {
            preflight(request, response, origin, methods);
            return;
        }
        origin.ifPresent(allowed -> allowCors(response, allowed));
        if (!methods.contains(request.getMethod())) {
            response.setHeader("Allow", allow(methods));
            refuse(exchange, ErrorCode.METHOD_NOT_ALLOWED, null);
            return;
        }
        Optional<String> workspaceName;
        try {
            workspaceName = airbyte.resolveWorkspaceName(request);
        } catch (WorkspaceNames.InvalidWorkspaceNameException e) {
            LOG.log(Level.WARNING, "The workspace resolver returned an empty, over-long or control-character workspace name; refused");
            refuse(exchange, ErrorCode.INVALID_WORKSPACE_NAME, null);
            return;
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "The workspace resolver " + config.workspaceResolver().getClass().getName()
                    + " threw " + e.getClass().getName());
            refuse(exchange, ErrorCode.INTERNAL_ERROR, null);
            return;
        }
        if (workspaceName.isEmpty()) {
            refuse(exchange, ErrorCode.UNAUTHENTICATED, null);
            return;
        }
        boolean originAbsent = request.getHeader("Origin") == null;
        if (origin.isEmpty() && !(originAbsent && "GET".equals(request.getMethod()))) {
            refuse(exchange, ErrorCode.ORIGIN_NOT_ALLOWED, null);
            return;
        }
        Optional<RateLimiter> limiter = rateLimiter(path);
        if (limiter.isPresent()) {
            Optional<Duration> wait = limiter.get().tryAcquire(rateLimitKey(request, workspaceName.get()));
            if (wait.isPresent()) {
                refuse(exchange, ErrorCode.RATE_LIMITED, wait.get());
                return;
            }
        }
        Checked checked = new Checked(workspaceName.get(), origin, new byte[0], exchange.startedNanos());
        readBodyThen(exchange, path, checked);
    }

    /**
     * The key of a user in the rate limits: the principal's name, or the workspace name when the
     * resolver does not use a principal.
     */
    static String rateLimitKey(HttpServletRequest request, String workspaceName) {
        Principal principal = request.getUserPrincipal();
        return principal != null && principal.getName() != null ? "principal:" + principal.getName() : "workspace:" + workspaceName;
    }

    /**
     * A body must be small and JSON, so that a route cannot be fed large uploads or form posts. A body
     * announced larger than {@value #MAX_BODY_BYTES} bytes is refused unread, with {@code Connection:
     * close}; a smaller one is read whole (which lets the container keep the connection open for the
     * next request) within the body-read timeout, else {@code 408} with {@code Connection: close}; then
     * its media type is judged.
     */
    private void readBodyThen(Exchange exchange, String path, Checked checked) throws IOException {
        HttpServletRequest request = exchange.request();
        long length = request.getContentLengthLong();
        boolean chunked = request.getHeader("Transfer-Encoding") != null;
        if (length > MAX_BODY_BYTES) {
            refuseAndClose(exchange, ErrorCode.PAYLOAD_TOO_LARGE);
            return;
        }
        if (length <= 0 && !chunked) {
            handleChecked(exchange, path, checked);
            return;
        }
        if (request.isAsyncSupported()) {
            exchange.startAsync(config.bodyReadTimeout().plus(deadline).plusSeconds(5), this::containerTimedOut);
            continueAsync(exchange, () -> RequestBody.read(request.getInputStream())
                    .orTimeout(config.bodyReadTimeout().toMillis(), TimeUnit.MILLISECONDS)
                    .whenComplete((bytes, failure) -> continueAsync(exchange, () -> {
                        if (failure == null) {
                            withBody(exchange, path, checked, bytes);
                        } else {
                            bodyFailed(exchange, failure);
                        }
                    })));
            return;
        }
        byte[] bytes;
        try {
            bytes = RequestBody.readWithin(request.getInputStream(), config.bodyReadTimeout());
        } catch (TimeoutException | IOException | RejectedExecutionException e) {
            bodyFailed(exchange, e);
            return;
        }
        withBody(exchange, path, checked, bytes);
    }

    private void withBody(Exchange exchange, String path, Checked checked, byte[] bytes) throws IOException {
        if (bytes.length > 0 && !isJson(exchange.request().getContentType())) {
            refuse(exchange, ErrorCode.UNSUPPORTED_MEDIA_TYPE, null);
            return;
        }
        handleChecked(exchange, path, new Checked(checked.workspaceName(), checked.origin(), bytes, checked.startedNanos()));
    }

    private void bodyFailed(Exchange exchange, Throwable failure) throws IOException {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof RequestBody.TooLargeException) {
            refuseAndClose(exchange, ErrorCode.PAYLOAD_TOO_LARGE);
        } else if (cause instanceof TimeoutException) {
            LOG.log(Level.DEBUG, "A request body did not arrive within {0} ms", config.bodyReadTimeout().toMillis());
            refuseAndClose(exchange, ErrorCode.REQUEST_TIMEOUT);
        } else if (cause instanceof RejectedExecutionException) {
            refuse(exchange, ErrorCode.OVERLOADED, OVERLOADED_RETRY_AFTER);
        } else {
            LOG.log(Level.DEBUG, "Could not read a request body: {0}", cause.getClass().getName());
            exchange.abandon();
        }
    }

    /** The container's own timeout of an asynchronous request, beyond every deadline of ours. */
    private void containerTimedOut(Exchange exchange) throws IOException {
        refuse(exchange, ErrorCode.UPSTREAM_TIMEOUT, null);
    }

    /** Work of a request gone asynchronous: nothing may escape it unanswered. */
    @FunctionalInterface
    private interface Continuation {
        void run() throws IOException;
    }

    private void continueAsync(Exchange exchange, Continuation continuation) {
        try {
            continuation.run();
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.DEBUG, "A route failed after its request went asynchronous: {0}", e.getClass().getName());
            try {
                refuse(exchange, ErrorCode.INTERNAL_ERROR, null);
            } catch (IOException | RuntimeException ignored) {
                exchange.abandon();
            }
        }
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String mediaType = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return mediaType.equals("application/json") || (mediaType.startsWith("application/") && mediaType.endsWith("+json"));
    }

    /** The request's origin if it is exactly one of the allowed origins; empty otherwise. */
    final Optional<Origin> allowedOrigin(HttpServletRequest request) {
        List<String> headers = Collections.list(request.getHeaders("Origin"));
        if (headers.size() != 1) {
            return Optional.empty();
        }
        return Origin.parseHeader(headers.get(0)).filter(config.allowedOriginValues()::contains);
    }

    private static void allowCors(HttpServletResponse response, Origin origin) {
        response.setHeader("Access-Control-Allow-Origin", origin.serialized());
        response.setHeader("Access-Control-Allow-Credentials", "true");
    }

    /** The {@code Allow} header of a route: its methods and {@code OPTIONS}. */
    private static String allow(Set<String> methods) {
        return String.join(", ", methods) + ", OPTIONS";
    }

    private static void preflight(HttpServletRequest request, HttpServletResponse response, Optional<Origin> origin,
            Set<String> methods) throws IOException {
        if (request.getHeader("Origin") == null) {
            response.setHeader("Allow", allow(methods));
            response.setStatus(HttpServletResponse.SC_NO_CONTENT);
            return;
        }
        if (origin.isEmpty()) {
            JsonResponses.error(response, ErrorCode.ORIGIN_NOT_ALLOWED);
            return;
        }
        String requestedMethod = request.getHeader("Access-Control-Request-Method");
        if (requestedMethod == null || !methods.contains(requestedMethod)) {
            response.setHeader("Allow", allow(methods));
            JsonResponses.error(response, ErrorCode.METHOD_NOT_ALLOWED);
            return;
        }
        allowCors(response, origin.get());
        response.setHeader("Access-Control-Allow-Methods", requestedMethod);
        String requested = request.getHeader("Access-Control-Request-Headers");
        if (requested != null && !requested.isBlank()) {
            List<String> names = List.of(requested.toLowerCase(Locale.ROOT).split("\\s*,\\s*"));
            List<String> allowed = names.stream().filter(PREFLIGHT_HEADERS::contains).toList();
            if (!allowed.isEmpty()) {
                response.setHeader("Access-Control-Allow-Headers", String.join(", ", allowed));
            }
        }
        response.setHeader("Access-Control-Max-Age", "600");
        response.setStatus(HttpServletResponse.SC_NO_CONTENT);
    }

    /** Answers with an error and counts the outcome, unless the request was answered already. */
    final void refuse(Exchange exchange, ErrorCode code, Duration retryAfter) throws IOException {
        exchange.answer(response -> {
            outcome(code.code(), exchange.startedNanos());
            JsonResponses.error(response, code, retryAfter);
        });
    }

    /** {@link #refuse} for a request whose body was not read whole: the connection is not reused. */
    private void refuseAndClose(Exchange exchange, ErrorCode code) throws IOException {
        exchange.answer(response -> {
            outcome(code.code(), exchange.startedNanos());
            response.setHeader("Connection", "close");
            JsonResponses.error(response, code, null);
        });
    }

    /** Writes the answer of a completed call to Airbyte. */
    @FunctionalInterface
    interface Answer<T> {
        void write(HttpServletResponse response, T value) throws IOException;
    }

    /**
     * Calls Airbyte and answers with the result, asynchronously when the request allows it. First
     * takes one of the permits bounding the calls in flight, or refuses with {@code 503 overloaded}
     * and {@code Retry-After}; the permit is released when the work completes, whatever happens to the
     * request, and at once if starting the work fails.
     */
    final <T> void callAirbyte(Exchange exchange, Checked checked, Supplier<CompletableFuture<T>> work, Answer<T> answer)
            throws IOException {
        UpstreamPermits permits = airbyte.upstreamPermits();
        if (!permits.tryAcquire()) {
            refuse(exchange, ErrorCode.OVERLOADED, OVERLOADED_RETRY_AFTER);
            return;
        }
        CompletableFuture<T> started;
        try {
            started = work.get();
        } catch (RuntimeException e) {
            permits.release();
            throw e;
        }
        started.whenComplete((value, failure) -> permits.release());
        CompletableFuture<T> bounded = started.orTimeout(deadline.toMillis(), TimeUnit.MILLISECONDS);
        if (exchange.request().isAsyncSupported()) {
            if (!exchange.isAsync()) {
                exchange.startAsync(deadline.plusSeconds(5), this::containerTimedOut);
            }
            bounded.whenComplete((value, failure) -> continueAsync(exchange, () -> write(exchange, value, failure, answer)));
        } else {
            answerBlocking(exchange, bounded, answer);
        }
    }

    private <T> void answerBlocking(Exchange exchange, CompletableFuture<T> work, Answer<T> answer) throws IOException {
        if (warnedAboutBlocking.compareAndSet(false, true)) {
            LOG.log(Level.WARNING, "Async is not supported for the Airbyte routes, so a container thread waits on Airbyte; "
                    + "mark the filter and every filter before it async-supported (<async-supported>true</async-supported>)");
        }
        T value = null;
        Throwable failure = null;
        try {
            value = work.get();
        } catch (ExecutionException e) {
            failure = e.getCause();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = e;
        }
        write(exchange, value, failure, answer);
    }

    private <T> void write(Exchange exchange, T value, Throwable failure, Answer<T> answer) throws IOException {
        if (failure == null) {
            exchange.answer(response -> answer.write(response, value));
            return;
        }
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof AirbyteApiException upstream) {
            refuse(exchange, upstream.errorCode(), upstream.retryAfter().orElse(null));
        } else if (cause instanceof TimeoutException) {
            LOG.log(Level.WARNING, "A call to Airbyte took longer than the route's deadline of {0} s", deadline.toSeconds());
            refuse(exchange, ErrorCode.UPSTREAM_TIMEOUT, null);
        } else {
            LOG.log(Level.ERROR, "Unexpected failure in a route: " + cause.getClass().getName());
            refuse(exchange, ErrorCode.INTERNAL_ERROR, null);
        }
    }
}
