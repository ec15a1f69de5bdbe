package io.github.airbyteembedded.servlet;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The token route: {@code POST <token-path>} → the authenticated user's workspace, the request's
 * exact origin → a widget token as JSON.
 *
 * <p>The checks run on the container thread and refuse before any upstream call: method, user,
 * workspace name, origin. The upstream calls then run asynchronously ({@code startAsync}), so no
 * container thread waits on Airbyte; a container that does not support async for this request gets
 * the same answer computed on its own thread.
 */
final class TokenRoute {

    private static final Logger LOG = System.getLogger(TokenRoute.class.getName());
    private static final int MAX_WORKSPACE_NAME_LENGTH = 256;

    private final AirbyteEmbeddedConfig config;
    private final WidgetTokenService tokens;
    private final Duration deadline;
    private final AtomicBoolean warnedAboutBlocking = new AtomicBoolean();

    TokenRoute(AirbyteEmbeddedConfig config, WidgetTokenService tokens) {
        this.config = config;
        this.tokens = tokens;
        // Worst case: operator token fetch + widget token call, then the same again after a 401.
        this.deadline = config.connectTimeout().plus(config.requestTimeout()).multipliedBy(4);
    }

    static TokenRoute create(AirbyteEmbeddedConfig config) {
        AirbyteApiClient client = new AirbyteApiClient(config, AirbyteApiClient.newHttpClient(config));
        OperatorTokenCache cache = new OperatorTokenCache(client::fetchOperatorToken,
                config.operatorTokenRefreshSkew(), config.clock(), ForkJoinPool.commonPool());
        return new TokenRoute(config, new WidgetTokenService(client, cache));
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
        if (!"POST".equals(request.getMethod())) {
            response.setHeader("Allow", "POST");
            JsonResponses.error(response, ErrorCode.METHOD_NOT_ALLOWED);
            return;
        }
        Optional<String> workspaceName;
        try {
            workspaceName = config.workspaceResolver().resolveWorkspaceName(request);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "The workspace resolver " + config.workspaceResolver().getClass().getName() + " failed", e);
            JsonResponses.error(response, ErrorCode.INTERNAL_ERROR);
            return;
        }
        if (workspaceName == null || workspaceName.isEmpty()) {
            JsonResponses.error(response, ErrorCode.UNAUTHENTICATED);
            return;
        }
        if (!isValidWorkspaceName(workspaceName.get())) {
            LOG.log(Level.WARNING, "The workspace resolver returned an empty, over-long or control-character workspace name; refused");
            JsonResponses.error(response, ErrorCode.INVALID_WORKSPACE_NAME);
            return;
        }
        Optional<Origin> origin = allowedOrigin(request);
        if (origin.isEmpty()) {
            JsonResponses.error(response, ErrorCode.ORIGIN_NOT_ALLOWED);
            return;
        }
        CompletableFuture<WidgetToken> minted = tokens.mint(workspaceName.get(), origin.get())
                .orTimeout(deadline.toMillis(), TimeUnit.MILLISECONDS);
        if (request.isAsyncSupported()) {
            respondAsync(request, minted);
        } else {
            respondBlocking(response, minted);
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

    static boolean isValidWorkspaceName(String name) {
        if (name.isBlank() || name.length() > MAX_WORKSPACE_NAME_LENGTH) {
            return false;
        }
        return name.codePoints().noneMatch(Character::isISOControl);
    }

    private void respondAsync(HttpServletRequest request, CompletableFuture<WidgetToken> minted) {
        AsyncContext async = request.startAsync();
        async.setTimeout(deadline.plusSeconds(5).toMillis());
        AtomicBoolean answered = new AtomicBoolean();
        async.addListener(new AsyncListener() {
            @Override
            public void onTimeout(AsyncEvent event) throws IOException {
                if (answered.compareAndSet(false, true)) {
                    JsonResponses.error((HttpServletResponse) event.getAsyncContext().getResponse(), ErrorCode.UPSTREAM_TIMEOUT);
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
                write((HttpServletResponse) async.getResponse(), token, failure);
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.DEBUG, "Could not write the token route's response: {0}", e.getClass().getName());
            } finally {
                async.complete();
            }
        });
    }

    private void respondBlocking(HttpServletResponse response, CompletableFuture<WidgetToken> minted) throws IOException {
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
        write(response, token, failure);
    }

    private static void write(HttpServletResponse response, WidgetToken token, Throwable failure) throws IOException {
        if (failure == null) {
            JsonResponses.token(response, token);
            return;
        }
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof UpstreamException upstream) {
            JsonResponses.error(response, upstream.errorCode(), upstream.retryAfter().orElse(null));
        } else if (cause instanceof TimeoutException) {
            LOG.log(Level.WARNING, "Minting a widget token took longer than the route's deadline");
            JsonResponses.error(response, ErrorCode.UPSTREAM_TIMEOUT);
        } else {
            LOG.log(Level.ERROR, "Unexpected failure while minting a widget token: " + cause.getClass().getName());
            JsonResponses.error(response, ErrorCode.INTERNAL_ERROR);
        }
    }

    Duration deadline() {
        return deadline;
    }
}
