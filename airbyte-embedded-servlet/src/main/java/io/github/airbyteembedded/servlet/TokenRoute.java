package io.github.airbyteembedded.servlet;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletInputStream;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The token route: {@code POST <token-path>} → the authenticated user's workspace, the request's
 * exact origin → a widget token as JSON.
 *
 * <p>Every check runs on the container thread and refuses before any call to Airbyte, in this order:
 * method, body, user, workspace name, origin, per-user rate limit, in-flight bound. The calls to
 * Airbyte then run asynchronously ({@code startAsync} with the HTTP client's {@code sendAsync}), so no
 * container thread waits on Airbyte; a request without async support gets the same answer computed
 * on its own thread. CORS preflights from allowed origins are answered here too.
 */
final class TokenRoute {

    /** Bodies are never used; anything larger than this is refused. */
    static final int MAX_BODY_BYTES = 4096;

    /** Retry-After of a request refused because too many are waiting on Airbyte. */
    static final Duration OVERLOADED_RETRY_AFTER = Duration.ofSeconds(1);

    private static final Logger LOG = System.getLogger(TokenRoute.class.getName());
    private static final int MAX_WORKSPACE_NAME_LENGTH = 256;
    private static final List<String> PREFLIGHT_HEADERS = List.of("content-type", "x-csrf-token", "x-xsrf-token", "x-requested-with");

    private final AirbyteEmbeddedConfig config;
    private final AirbyteEmbedded airbyte;
    private final Duration deadline;
    private final AtomicBoolean warnedAboutBlocking = new AtomicBoolean();

    TokenRoute(AirbyteEmbedded airbyte) {
        this.airbyte = airbyte;
        this.config = airbyte.config();
        // Worst case: operator token fetch with its retries + widget token call, then once more after a 401.
        this.deadline = config.connectTimeout().plus(config.requestTimeout()).multipliedBy(4).plusSeconds(2);
    }

    /** Whether the request is addressed to the token route (any method). */
    boolean matches(HttpServletRequest request) {
        String uri = request.getRequestURI();
        if (uri == null) {
            return false;
        }
        int parameters = uri.indexOf(';');
        String path = parameters >= 0 ? uri.substring(0, parameters) : uri;
        String contextPath = request.getContextPath() == null ? "" : request.getContextPath();
        return path.startsWith(contextPath) && path.substring(contextPath.length()).equals(config.tokenPath());
    }

    void handle(HttpServletRequest request, HttpServletResponse response) throws IOException {
        long started = System.nanoTime();
        Optional<Origin> origin = allowedOrigin(request);
        response.addHeader("Vary", "Origin");
        if ("OPTIONS".equals(request.getMethod())) {
            preflight(request, response, origin);
            return;
        }
        origin.ifPresent(allowed -> allowCors(response, allowed));
        if (!"POST".equals(request.getMethod())) {
            response.setHeader("Allow", "POST, OPTIONS");
            refuse(response, ErrorCode.METHOD_NOT_ALLOWED, null, started);
            return;
        }
        Optional<ErrorCode> badBody = checkBody(request);
        if (badBody.isPresent()) {
            refuse(response, badBody.get(), null, started);
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
        if (!isValidWorkspaceName(workspaceName.get())) {
            LOG.log(Level.WARNING, "The workspace resolver returned an empty, over-long or control-character workspace name; refused");
            refuse(response, ErrorCode.INVALID_WORKSPACE_NAME, null, started);
            return;
        }
        if (origin.isEmpty()) {
            refuse(response, ErrorCode.ORIGIN_NOT_ALLOWED, null, started);
            return;
        }
        Optional<UserRateLimiter> limiter = airbyte.rateLimiter();
        if (limiter.isPresent()) {
            Optional<Duration> wait = limiter.get().tryAcquire(rateLimitKey(request, workspaceName.get()));
            if (wait.isPresent()) {
                refuse(response, ErrorCode.RATE_LIMITED, wait.get(), started);
                return;
            }
        }
        UpstreamPermits permits = airbyte.upstreamPermits();
        if (!permits.tryAcquire()) {
            refuse(response, ErrorCode.OVERLOADED, OVERLOADED_RETRY_AFTER, started);
            return;
        }
        CompletableFuture<WidgetToken> minted;
        try {
            minted = airbyte.widgetTokens().mint(workspaceName.get(), origin.get());
        } catch (RuntimeException e) {
            permits.release();
            throw e;
        }
        minted.whenComplete((token, failure) -> permits.release());
        minted = minted.orTimeout(deadline.toMillis(), TimeUnit.MILLISECONDS);
        if (request.isAsyncSupported()) {
            respondAsync(request, minted, started);
        } else {
            respondBlocking(response, minted, started);
        }
    }

    /** The request's origin if it is exactly one of the allowed origins; empty otherwise. */
    private Optional<Origin> allowedOrigin(HttpServletRequest request) {
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

    private void preflight(HttpServletRequest request, HttpServletResponse response, Optional<Origin> origin) throws IOException {
        if (request.getHeader("Origin") == null) {
            response.setHeader("Allow", "POST, OPTIONS");
            response.setStatus(HttpServletResponse.SC_NO_CONTENT);
            return;
        }
        if (origin.isEmpty()) {
            JsonResponses.error(response, ErrorCode.ORIGIN_NOT_ALLOWED);
            return;
        }
        if (!"POST".equals(request.getHeader("Access-Control-Request-Method"))) {
            response.setHeader("Allow", "POST, OPTIONS");
            JsonResponses.error(response, ErrorCode.METHOD_NOT_ALLOWED);
            return;
        }
        allowCors(response, origin.get());
        response.setHeader("Access-Control-Allow-Methods", "POST");
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

    /**
     * A body is never used, but if there is one it must be small and JSON, so that the route cannot be
     * fed large uploads or form posts.
     */
    private static Optional<ErrorCode> checkBody(HttpServletRequest request) throws IOException {
        long length = request.getContentLengthLong();
        boolean chunked = request.getHeader("Transfer-Encoding") != null;
        if (length > MAX_BODY_BYTES) {
            return Optional.of(ErrorCode.PAYLOAD_TOO_LARGE);
        }
        if (length <= 0 && !chunked) {
            return Optional.empty();
        }
        if (!isJson(request.getContentType())) {
            return Optional.of(ErrorCode.UNSUPPORTED_MEDIA_TYPE);
        }
        // Drain the (small) body, so the container can keep the connection open for the next request.
        ServletInputStream in = request.getInputStream();
        byte[] buffer = new byte[512];
        long total = 0;
        int read;
        while ((read = in.read(buffer)) != -1) {
            total += read;
            if (total > MAX_BODY_BYTES) {
                return Optional.of(ErrorCode.PAYLOAD_TOO_LARGE);
            }
        }
        return Optional.empty();
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String mediaType = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return mediaType.equals("application/json") || (mediaType.startsWith("application/") && mediaType.endsWith("+json"));
    }

    private static String rateLimitKey(HttpServletRequest request, String workspaceName) {
        Principal principal = request.getUserPrincipal();
        return principal != null && principal.getName() != null ? "principal:" + principal.getName() : "workspace:" + workspaceName;
    }

    static boolean isValidWorkspaceName(String name) {
        if (name.isBlank() || name.length() > MAX_WORKSPACE_NAME_LENGTH) {
            return false;
        }
        return name.codePoints().noneMatch(Character::isISOControl);
    }

    private void refuse(HttpServletResponse response, ErrorCode code, Duration retryAfter, long started) throws IOException {
        JsonResponses.error(response, code, retryAfter);
        airbyte.metrics().outcome(code.code(), Duration.ofNanos(System.nanoTime() - started));
    }

    private void respondAsync(HttpServletRequest request, CompletableFuture<WidgetToken> minted, long started) {
        AsyncContext async = request.startAsync();
        async.setTimeout(deadline.plusSeconds(5).toMillis());
        AtomicBoolean answered = new AtomicBoolean();
        async.addListener(new AsyncListener() {
            @Override
            public void onTimeout(AsyncEvent event) throws IOException {
                if (answered.compareAndSet(false, true)) {
                    refuse((HttpServletResponse) event.getAsyncContext().getResponse(), ErrorCode.UPSTREAM_TIMEOUT, null, started);
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
        minted.whenComplete((token, failure) -> {
            if (!answered.compareAndSet(false, true)) {
                return;
            }
            try {
                write((HttpServletResponse) async.getResponse(), token, failure, started);
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.DEBUG, "Could not write the token route's response: {0}", e.getClass().getName());
            } finally {
                async.complete();
            }
        });
    }

    private void respondBlocking(HttpServletResponse response, CompletableFuture<WidgetToken> minted, long started) throws IOException {
        if (warnedAboutBlocking.compareAndSet(false, true)) {
            LOG.log(Level.WARNING, "Async is not supported for the token route, so a container thread waits on Airbyte; "
                    + "mark the filter and every filter before it async-supported (<async-supported>true</async-supported>)");
        }
        WidgetToken token = null;
        Throwable failure = null;
        try {
            token = minted.get();
        } catch (ExecutionException e) {
            failure = e.getCause();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = e;
        }
        write(response, token, failure, started);
    }

    private void write(HttpServletResponse response, WidgetToken token, Throwable failure, long started) throws IOException {
        if (failure == null) {
            JsonResponses.token(response, token);
            airbyte.metrics().outcome(TokenRouteListener.OK, Duration.ofNanos(System.nanoTime() - started));
            return;
        }
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof UpstreamException upstream) {
            refuse(response, upstream.errorCode(), upstream.retryAfter().orElse(null), started);
        } else if (cause instanceof TimeoutException) {
            LOG.log(Level.WARNING, "Minting a widget token took longer than the route's deadline of {0} s", deadline.toSeconds());
            refuse(response, ErrorCode.UPSTREAM_TIMEOUT, null, started);
        } else {
            LOG.log(Level.ERROR, "Unexpected failure while minting a widget token: " + cause.getClass().getName());
            refuse(response, ErrorCode.INTERNAL_ERROR, null, started);
        }
    }
}
