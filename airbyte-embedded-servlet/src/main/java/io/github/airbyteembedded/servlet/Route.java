package io.github.airbyteembedded.servlet;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * What every route of the filter does before its own work, in this order, each refusal before any
 * call to Airbyte: CORS preflight for allowed origins, method, body (small JSON or none), the
 * authenticated user's workspace, the exact origin. Then the route's own work, whose calls to Airbyte
 * run asynchronously ({@code startAsync}); a request without async support gets the same answer
 * computed on its own thread.
 *
 * <p>The origin rule: a request that carries an {@code Origin} header must carry an allowed one. A
 * request without one is refused too, except a {@code GET}: browsers omit {@code Origin} on same-origin
 * GETs, and a GET changes nothing (a cross-origin page still cannot read the answer, which carries no
 * CORS headers for it).
 */
abstract class Route {

    /** Bodies larger than this are refused. */
    static final int MAX_BODY_BYTES = 4096;

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

    /**
     * Whether this route answers the path {@code uri[from, to)} (relative to the context path, without
     * path parameters), whatever the method. Called for every request the filter sees, so it must not
     * allocate.
     */
    abstract boolean matches(String uri, int from, int to);

    /** Whether {@code uri[from, to)} is exactly {@code path}. */
    static boolean isExactly(String uri, int from, int to, String path) {
        return to - from == path.length() && uri.regionMatches(from, path, 0, path.length());
    }

    /** The methods this route answers at the path. */
    abstract Set<String> methods(String path);

    /** The route's own work, after the common checks passed. */
    abstract void handleChecked(HttpServletRequest request, HttpServletResponse response, String path, Checked checked)
            throws IOException;

    /** Called once per answered request (preflights excepted); the token route counts them. */
    void outcome(String outcome, long startedNanos) {
    }

    /**
     * Finds the route that answers a request, without allocating for requests to other paths: the
     * request URI is compared in place, and the path string is only built for a match.
     *
     * @return the route and the request's path relative to the context path, or {@code null}
     */
    static Matched match(HttpServletRequest request, Route[] routes) {
        String uri = request.getRequestURI();
        if (uri == null) {
            return null;
        }
        String contextPath = request.getContextPath();
        int from = contextPath == null ? 0 : contextPath.length();
        if (from > 0 && !uri.startsWith(contextPath)) {
            return null;
        }
        int parameters = uri.indexOf(';', from);
        int to = parameters >= 0 ? parameters : uri.length();
        for (Route route : routes) {
            if (route.matches(uri, from, to)) {
                return new Matched(route, uri.substring(from, to));
            }
        }
        return null;
    }

    /** A route and the path it matched. */
    record Matched(Route route, String path) {
    }

    final void handle(HttpServletRequest request, HttpServletResponse response, String path) throws IOException {
        long started = System.nanoTime();
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
            refuse(response, ErrorCode.METHOD_NOT_ALLOWED, null, started);
            return;
        }
        BodyCheck body = readBody(request, response);
        if (body.error() != null) {
            refuse(response, body.error(), null, started);
            return;
        }
        Optional<String> workspaceName;
        try {
            workspaceName = config.workspaceResolver().resolveWorkspaceName(request);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "The workspace resolver " + config.workspaceResolver().getClass().getName()
                    + " threw " + e.getClass().getName());
            refuse(response, ErrorCode.INTERNAL_ERROR, null, started);
            return;
        }
        if (workspaceName == null || workspaceName.isEmpty()) {
            refuse(response, ErrorCode.UNAUTHENTICATED, null, started);
            return;
        }
        if (!WorkspaceNames.isValid(workspaceName.get())) {
            LOG.log(Level.WARNING, "The workspace resolver returned an empty, over-long or control-character workspace name; refused");
            refuse(response, ErrorCode.INVALID_WORKSPACE_NAME, null, started);
            return;
        }
        boolean originAbsent = request.getHeader("Origin") == null;
        if (origin.isEmpty() && !(originAbsent && "GET".equals(request.getMethod()))) {
            refuse(response, ErrorCode.ORIGIN_NOT_ALLOWED, null, started);
            return;
        }
        handleChecked(request, response, path, new Checked(workspaceName.get(), origin, body.bytes(), started));
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

    /** A request body: the bytes, or why it was refused. */
    record BodyCheck(byte[] bytes, ErrorCode error) {
    }

    /**
     * A body must be small and JSON, so that a route cannot be fed large uploads or form posts. Up to
     * {@value #MAX_BODY_BYTES} bytes are read whole (before the media type is judged), which lets the
     * container keep the connection open for the next request; a larger body is refused unread, with
     * {@code Connection: close}, so that no client reuses a connection whose request was not consumed.
     */
    private static BodyCheck readBody(HttpServletRequest request, HttpServletResponse response) throws IOException {
        long length = request.getContentLengthLong();
        boolean chunked = request.getHeader("Transfer-Encoding") != null;
        if (length > MAX_BODY_BYTES) {
            response.setHeader("Connection", "close");
            return new BodyCheck(null, ErrorCode.PAYLOAD_TOO_LARGE);
        }
        if (length <= 0 && !chunked) {
            return new BodyCheck(new byte[0], null);
        }
        ServletInputStream in = request.getInputStream();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] buffer = new byte[512];
        int read;
        while ((read = in.read(buffer)) != -1) {
            if (bytes.size() + read > MAX_BODY_BYTES) {
                response.setHeader("Connection", "close");
                return new BodyCheck(null, ErrorCode.PAYLOAD_TOO_LARGE);
            }
            bytes.write(buffer, 0, read);
        }
        if (bytes.size() > 0 && !isJson(request.getContentType())) {
            return new BodyCheck(null, ErrorCode.UNSUPPORTED_MEDIA_TYPE);
        }
        return new BodyCheck(bytes.toByteArray(), null);
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String mediaType = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return mediaType.equals("application/json") || (mediaType.startsWith("application/") && mediaType.endsWith("+json"));
    }

    final void refuse(HttpServletResponse response, ErrorCode code, Duration retryAfter, long started) throws IOException {
        JsonResponses.error(response, code, retryAfter);
        outcome(code.code(), started);
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
    final <T> void callAirbyte(HttpServletRequest request, HttpServletResponse response, Checked checked,
            Supplier<CompletableFuture<T>> work, Answer<T> answer) throws IOException {
        UpstreamPermits permits = airbyte.upstreamPermits();
        if (!permits.tryAcquire()) {
            refuse(response, ErrorCode.OVERLOADED, OVERLOADED_RETRY_AFTER, checked.startedNanos());
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
        if (request.isAsyncSupported()) {
            answerAsync(request, checked, bounded, answer);
        } else {
            answerBlocking(response, checked, bounded, answer);
        }
    }

    private <T> void answerAsync(HttpServletRequest request, Checked checked, CompletableFuture<T> work, Answer<T> answer) {
        AsyncContext async = request.startAsync();
        async.setTimeout(deadline.plusSeconds(5).toMillis());
        AtomicBoolean answered = new AtomicBoolean();
        async.addListener(new AsyncListener() {
            @Override
            public void onTimeout(AsyncEvent event) throws IOException {
                if (answered.compareAndSet(false, true)) {
                    refuse((HttpServletResponse) event.getAsyncContext().getResponse(), ErrorCode.UPSTREAM_TIMEOUT, null,
                            checked.startedNanos());
                    event.getAsyncContext().complete();
                }
            }

            @Override
            public void onError(AsyncEvent event) {
                answered.set(true);
            }

            @Override
            public void onComplete(AsyncEvent event) {
                answered.set(true);
            }

            @Override
            public void onStartAsync(AsyncEvent event) {
            }
        });
        work.whenComplete((value, failure) -> {
            if (!answered.compareAndSet(false, true)) {
                return;
            }
            try {
                write((HttpServletResponse) async.getResponse(), checked, value, failure, answer);
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.DEBUG, "Could not write a route's response: {0}", e.getClass().getName());
            } finally {
                async.complete();
            }
        });
    }

    private <T> void answerBlocking(HttpServletResponse response, Checked checked, CompletableFuture<T> work, Answer<T> answer)
            throws IOException {
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
        write(response, checked, value, failure, answer);
    }

    private <T> void write(HttpServletResponse response, Checked checked, T value, Throwable failure, Answer<T> answer)
            throws IOException {
        if (failure == null) {
            answer.write(response, value);
            return;
        }
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof AirbyteApiException upstream) {
            refuse(response, upstream.errorCode(), upstream.retryAfter().orElse(null), checked.startedNanos());
        } else if (cause instanceof TimeoutException) {
            LOG.log(Level.WARNING, "A call to Airbyte took longer than the route's deadline of {0} s", deadline.toSeconds());
            refuse(response, ErrorCode.UPSTREAM_TIMEOUT, null, checked.startedNanos());
        } else {
            LOG.log(Level.ERROR, "Unexpected failure in a route: " + cause.getClass().getName());
            refuse(response, ErrorCode.INTERNAL_ERROR, null, checked.startedNanos());
        }
    }
}
