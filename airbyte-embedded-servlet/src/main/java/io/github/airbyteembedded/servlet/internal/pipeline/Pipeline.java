package io.github.airbyteembedded.servlet.internal.pipeline;

import io.github.airbyteembedded.servlet.ErrorCode;
import io.github.airbyteembedded.servlet.internal.upstream.Deadlines;
import io.github.airbyteembedded.servlet.internal.upstream.Failures;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * The way of a request to a route: the route that answers its path ({@link RoutePaths}), the checks
 * ({@link RequestChecks}), then the body (small JSON or none), read without a container thread waiting
 * on the client and within the body-read timeout, then the route's own work, whose calls to Airbyte go
 * through an {@link UpstreamCall}. Requests to other paths are not touched, and matching them does not
 * allocate.
 */
public final class Pipeline {

    private static final Logger LOG = System.getLogger(Pipeline.class.getName());

    private final RoutePaths paths;
    private final RequestChecks checks;
    private final Duration bodyReadTimeout;
    private final Duration asyncTimeout;
    private final Route[] routes;

    /**
     * @param bodyReadTimeout how long the body may take to arrive
     * @param upstreamWait the longest the routes wait on Airbyte (a turn in the queue, then the deadline of
     *     the call), which may follow the body
     */
    public Pipeline(RoutePaths paths, RequestChecks checks, Duration bodyReadTimeout, Duration upstreamWait, List<Route> routes) {
        this.paths = paths;
        this.checks = checks;
        this.bodyReadTimeout = bodyReadTimeout;
        this.asyncTimeout = bodyReadTimeout.plus(upstreamWait).plus(UpstreamCall.CONTAINER_TIMEOUT_MARGIN);
        this.routes = routes.toArray(Route[]::new);
    }

    /**
     * Answers a request addressed to a route.
     *
     * @return whether the request was a route's (and is answered, or will be); {@code false} leaves the
     *     request and the response untouched
     */
    public boolean handle(HttpServletRequest request, HttpServletResponse response) throws IOException {
        RoutePaths.Match match = paths.match(request);
        if (match == null) {
            return false;
        }
        Route route = routeOf(match.target());
        if (route == null) {
            return false;
        }
        String path = match.path();
        Exchange exchange = new Exchange(request, response, System.nanoTime(), route.outcomes());
        RequestChecks.Verdict verdict = checks.check(request, response, route.rules(path), match.hasPathParameters());
        if (verdict instanceof RequestChecks.Refused refused) {
            exchange.refuse(refused.code(), refused.retryAfter());
        } else if (verdict instanceof RequestChecks.Passed passed) {
            readBodyThen(exchange, route, path, passed.request());
        }
        return true;
    }

    private Route routeOf(RoutePaths.Target target) {
        for (Route route : routes) {
            if (route.answers(target)) {
                return route;
            }
        }
        return null;
    }

    /**
     * A body must be small and JSON, so that a route cannot be fed large uploads or form posts. A body
     * announced larger than {@link RequestBody#MAX_BYTES} bytes is refused unread, with {@code
     * Connection: close}; a smaller one is read whole (which lets the container keep the connection open
     * for the next request) within the body-read timeout, else {@code 408} with {@code Connection:
     * close}; then its media type is judged.
     */
    private void readBodyThen(Exchange exchange, Route route, String path, CheckedRequest checked) throws IOException {
        HttpServletRequest request = exchange.request();
        long length = request.getContentLengthLong();
        boolean chunked = request.getHeader("Transfer-Encoding") != null;
        if (length > RequestBody.MAX_BYTES) {
            exchange.refuseAndClose(ErrorCode.PAYLOAD_TOO_LARGE);
            return;
        }
        if (length <= 0 && !chunked) {
            route.handle(exchange, path, checked);
            return;
        }
        if (request.isAsyncSupported()) {
            exchange.startAsync(asyncTimeout);
            exchange.continueAsync(() -> Deadlines.within(RequestBody.read(request.getInputStream()), bodyReadTimeout)
                    .whenComplete((bytes, failure) -> exchange.continueAsync(() -> {
                        if (failure == null) {
                            withBody(exchange, route, path, checked, bytes);
                        } else {
                            bodyFailed(exchange, failure);
                        }
                    })));
            return;
        }
        byte[] bytes;
        try {
            bytes = RequestBody.readWithin(request.getInputStream(), bodyReadTimeout);
        } catch (TimeoutException | IOException | RejectedExecutionException e) {
            bodyFailed(exchange, e);
            return;
        }
        withBody(exchange, route, path, checked, bytes);
    }

    private static void withBody(Exchange exchange, Route route, String path, CheckedRequest checked, byte[] bytes)
            throws IOException {
        if (bytes.length > 0 && !isJson(exchange.request().getContentType())) {
            exchange.refuse(ErrorCode.UNSUPPORTED_MEDIA_TYPE, null);
            return;
        }
        route.handle(exchange, path, checked.withBody(bytes));
    }

    private void bodyFailed(Exchange exchange, Throwable failure) throws IOException {
        Throwable cause = Failures.cause(failure);
        if (cause instanceof RequestBody.TooLargeException) {
            exchange.refuseAndClose(ErrorCode.PAYLOAD_TOO_LARGE);
        } else if (cause instanceof TimeoutException) {
            LOG.log(Level.DEBUG, "A request body did not arrive within {0} ms", bodyReadTimeout.toMillis());
            exchange.refuseAndClose(ErrorCode.REQUEST_TIMEOUT);
        } else if (cause instanceof RejectedExecutionException) {
            exchange.refuse(ErrorCode.OVERLOADED, UpstreamCall.OVERLOADED_RETRY_AFTER);
        } else {
            LOG.log(Level.DEBUG, "Could not read a request body: {0}", cause.getClass().getName());
            exchange.abandon();
        }
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String mediaType = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return mediaType.equals("application/json") || (mediaType.startsWith("application/") && mediaType.endsWith("+json"));
    }
}
