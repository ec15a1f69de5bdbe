package io.github.airbyteembedded.servlet;

import com.github.benmanes.caffeine.cache.Ticker;
import io.github.airbyteembedded.servlet.internal.pipeline.Admission;
import io.github.airbyteembedded.servlet.internal.pipeline.InMemoryNotifiedSources;
import io.github.airbyteembedded.servlet.internal.pipeline.NotifiedSources;
import io.github.airbyteembedded.servlet.internal.pipeline.PageAssets;
import io.github.airbyteembedded.servlet.internal.pipeline.Pipeline;
import io.github.airbyteembedded.servlet.internal.pipeline.RateLimiter;
import io.github.airbyteembedded.servlet.internal.pipeline.RequestChecks;
import io.github.airbyteembedded.servlet.internal.pipeline.RequestUser;
import io.github.airbyteembedded.servlet.internal.pipeline.Route;
import io.github.airbyteembedded.servlet.internal.pipeline.RoutePaths;
import io.github.airbyteembedded.servlet.internal.pipeline.SharedStoreCalls;
import io.github.airbyteembedded.servlet.internal.pipeline.SourcesRoute;
import io.github.airbyteembedded.servlet.internal.pipeline.TokenRoute;
import io.github.airbyteembedded.servlet.internal.pipeline.UpstreamCall;
import io.github.airbyteembedded.servlet.internal.pipeline.UpstreamPermits;
import io.github.airbyteembedded.servlet.internal.pipeline.UserRateLimiter;
import io.github.airbyteembedded.servlet.internal.pipeline.Users;
import io.github.airbyteembedded.servlet.internal.pipeline.WorkspaceNames;
import io.github.airbyteembedded.servlet.internal.settings.PageSettings;
import io.github.airbyteembedded.servlet.internal.stats.LatencyHistogram;
import io.github.airbyteembedded.servlet.internal.stats.RouteMetrics;
import io.github.airbyteembedded.servlet.internal.upstream.AirbyteApiClient;
import io.github.airbyteembedded.servlet.internal.upstream.Deadlines;
import io.github.airbyteembedded.servlet.internal.upstream.Failures;
import io.github.airbyteembedded.servlet.internal.upstream.OperatorToken;
import io.github.airbyteembedded.servlet.internal.upstream.OperatorTokenCache;
import io.github.airbyteembedded.servlet.internal.upstream.ScopedTokenCache;
import io.github.airbyteembedded.servlet.internal.upstream.Tickers;
import io.github.airbyteembedded.servlet.internal.upstream.UpstreamException;
import io.github.airbyteembedded.servlet.internal.upstream.WorkspaceSources;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeoutException;

/**
 * The running Airbyte Embedded integration of one application: its configuration, the HTTP client
 * and cached operator token (and workspaces' scoped tokens) it uses to talk to Airbyte, the per-user
 * rate limiters, and the counters of what the token route did.
 *
 * <p>{@link AirbyteEmbeddedFilter} creates one from its configuration; create it yourself to share
 * it with other code, for example to read its {@link #statistics()}:
 *
 * <pre>{@code
 * AirbyteEmbedded airbyte = AirbyteEmbedded.create(config);
 * servletContext.addFilter("airbyteEmbedded", new AirbyteEmbeddedFilter(airbyte));
 * ...
 * airbyte.statistics().count("ok");
 * }</pre>
 *
 * <p>A filter configured from web.xml publishes its instance as the servlet-context attribute named
 * {@link #SERVLET_CONTEXT_ATTRIBUTE}. Thread-safe.
 *
 * @since 0.1.0
 */
public final class AirbyteEmbedded {

    /** The servlet-context attribute under which a filter publishes its {@code AirbyteEmbedded}. */
    public static final String SERVLET_CONTEXT_ATTRIBUTE = AirbyteEmbedded.class.getName();

    /** How long {@link #checkOperatorToken()} answers with a failed check before asking Airbyte again. */
    public static final Duration FAILED_CHECK_MEMORY = Duration.ofSeconds(30);


    private final AirbyteEmbeddedConfig config;
    private final RouteMetrics metrics;
    private final Admission admission;
    private final OperatorTokenCache operatorTokens;
    private final ConnectedSources sources;
    private final PageSettings page;
    private final Users users;
    private final RoutePaths routePaths;
    private final Pipeline pipeline;
    private volatile OperatorTokenStatus lastFailedCheck;

    /** Wires the parts: the upstream client and its token caches, the routes and what they share. */
    private AirbyteEmbedded(AirbyteEmbeddedConfig config) {
        this.config = config;
        this.metrics = new RouteMetrics(config.listener());
        Ticker ticker = Tickers.of(config.clock());
        this.admission = new UpstreamPermits(config.maxConcurrentUpstreamCalls(), config.maxQueuedUpstreamCalls(),
                config.maxQueueWait(), ticker, metrics);
        AirbyteApiClient client = new AirbyteApiClient(config, config.clientSecret(), AirbyteApiClient.newHttpClient(config), metrics);
        this.operatorTokens = new OperatorTokenCache(client::fetchOperatorToken, client.operatorTokenFetchDeadline(),
                config.operatorTokenRefreshSkew(), config.clock(), ForkJoinPool.commonPool());
        ScopedTokenCache scopedTokens = new ScopedTokenCache(
                workspace -> operatorTokens.call(token -> client.fetchScopedToken(token, workspace)),
                config.operatorTokenRefreshSkew(), config.clock(), ForkJoinPool.commonPool(), ScopedTokenCache.MAX_WORKSPACES);
        WorkspaceSources workspaceSources = new WorkspaceSources(client, scopedTokens);
        this.sources = new ConnectedSources(workspaceSources);
        this.page = new PageSettings(config);
        this.users = new Users(config.workspaceResolver(), WorkspaceNames.of(config.foldWorkspaceNameCase()));
        this.routePaths = new RoutePaths(config);

        int maxTrackedUsers = config.rateLimitMaxTrackedUsers();
        Optional<SharedStoreCalls> shared = config.rateLimitStore().map(store -> new SharedStoreCalls(store,
                config.rateLimitStoreTimeout(), config.rateLimitStoreFailOpen(), metrics::rateLimitStoreFailure));
        LimiterFactory limiters = (name, permits, period) -> shared.map(calls -> calls.limiter(name, permits, period))
                .orElseGet(() -> new UserRateLimiter(permits, period, maxTrackedUsers, ticker));
        Optional<RateLimiter> tokenLimit = config.rateLimitEnabled()
                ? Optional.of(limiters.limiter(SharedStoreCalls.TOKEN_LIMIT, config.rateLimitPermits(), config.rateLimitPeriod()))
                : Optional.empty();
        UpstreamCall upstream = new UpstreamCall(admission,
                UpstreamCall.deadline(config.connectTimeout(), config.requestTimeout()), config.maxQueueWait());
        TokenRoute.Minter minter = (workspaceName, origin) -> operatorTokens
                .call(token -> client.createWidgetToken(token, workspaceName, origin.serialized()))
                .thenApply(page::learnFrom);
        List<Route> routes = new ArrayList<>();
        routes.add(new TokenRoute(tokenLimit, upstream, minter, metrics));
        if (config.sourceRoutesEnabled()) {
            Optional<RateLimiter> listLimit = config.sourcesListRateLimitEnabled()
                    ? Optional.of(limiters.limiter(SharedStoreCalls.SOURCES_LIST_LIMIT, config.sourcesListRateLimitPermits(),
                            config.sourcesListRateLimitPeriod()))
                    : Optional.empty();
            Optional<RateLimiter> changeLimit = config.sourcesChangeRateLimitEnabled()
                    ? Optional.of(limiters.limiter(SharedStoreCalls.SOURCES_CHANGE_LIMIT, config.sourcesChangeRateLimitPermits(),
                            config.sourcesChangeRateLimitPeriod()))
                    : Optional.empty();
            // Shared, a pair is remembered for the period of the limit that counts source events.
            NotifiedSources notified = shared.map(calls -> calls.notifiedSources(config.sourcesChangeRateLimitPeriod()))
                    .orElseGet(() -> new InMemoryNotifiedSources(InMemoryNotifiedSources.MAX_REMEMBERED));
            SourceConnectedListener listener = config.sourceConnectedListener();
            routes.add(new SourcesRoute(config.sourcesPath(), config.sourceEventsPath(), listLimit, changeLimit, upstream,
                    workspaceSources, notified, (principal, workspace, source) ->
                            listener.onSourceConnected(principal, workspace, ConnectedSource.of(source))));
        }
        this.pipeline = new Pipeline(routePaths, new RequestChecks(config.allowedOriginValues(), users),
                config.bodyReadTimeout(), upstream.longestWait(), routes);
    }

    /**
     * Starts an integration with a configuration. Nothing is sent to Airbyte until the first token
     * request.
     *
     * @param config the configuration
     * @return a new instance
     */
    public static AirbyteEmbedded create(AirbyteEmbeddedConfig config) {
        return new AirbyteEmbedded(Objects.requireNonNull(config, "config"));
    }

    /**
     * Returns the configuration.
     *
     * @return the configuration this instance was created with
     */
    public AirbyteEmbeddedConfig config() {
        return config;
    }

    /**
     * Returns a snapshot of the token route's outcomes, of the calls to Airbyte and of the requests that
     * waited their turn since startup.
     *
     * @return a new snapshot
     */
    public TokenRouteStatistics statistics() {
        return new TokenRouteStatistics(metrics.outcomeCounts(), admission.inFlight(), admission.queued(),
                summary(metrics.upstreamLatency()), summary(metrics.queueWaits()), metrics.rateLimitStoreFailures());
    }

    private static LatencySummary summary(LatencyHistogram.Summary latency) {
        return new LatencySummary(latency.count(), latency.mean(), latency.max(), latency.p50(), latency.p90(), latency.p99());
    }

    /**
     * Reports whether an operator token can be obtained, for health checks, without calling Airbyte on
     * every check: a cached token answers at once; otherwise one fetch is made (shared with the token
     * route's requests, and cached when it succeeds), and a failure is remembered for {@link
     * #FAILED_CHECK_MEMORY} so that frequent probes of a failing Airbyte do not add load to it.
     *
     * <p>The check waits at most the configured {@linkplain AirbyteEmbeddedConfig#requestTimeout() request
     * timeout} for the fetch: a fetch still going then (Airbyte slow, or retrying) is reported as
     * unavailable with {@link ErrorCode#UPSTREAM_TIMEOUT}. That answer is not remembered; the fetch goes
     * on, and its outcome is what the next check reports.
     *
     * @return the status; completes within the request timeout and never exceptionally
     */
    public CompletableFuture<OperatorTokenStatus> checkOperatorToken() {
        Instant now = config.clock().instant();
        Optional<OperatorToken> cached = operatorTokens.cached();
        if (cached.isPresent()) {
            return CompletableFuture.completedFuture(OperatorTokenStatus.available(refreshAt(cached.get()), now));
        }
        OperatorTokenStatus failed = lastFailedCheck;
        if (failed != null && failed.checkedAt().plus(FAILED_CHECK_MEMORY).isAfter(now)) {
            return CompletableFuture.completedFuture(failed);
        }
        CompletableFuture<OperatorTokenStatus> outcome = operatorTokens.get().handle((token, failure) -> {
            Instant checkedAt = config.clock().instant();
            if (failure == null) {
                lastFailedCheck = null;
                return OperatorTokenStatus.available(refreshAt(token), checkedAt);
            }
            Throwable cause = Failures.cause(failure);
            ErrorCode code = cause instanceof UpstreamException upstream ? upstream.errorCode() : ErrorCode.INTERNAL_ERROR;
            OperatorTokenStatus status = OperatorTokenStatus.unavailable(code, checkedAt);
            lastFailedCheck = status;
            return status;
        });
        return Deadlines.within(outcome.copy(), config.requestTimeout())
                .exceptionally(failure -> OperatorTokenStatus.unavailable(
                        failure instanceof TimeoutException ? ErrorCode.UPSTREAM_TIMEOUT : ErrorCode.INTERNAL_ERROR,
                        config.clock().instant()));
    }

    private Instant refreshAt(OperatorToken token) {
        return token.fetchedAt().plus(token.cacheLifetime(config.operatorTokenRefreshSkew()));
    }

    /**
     * Returns the widget's {@code <script>} as pages render it: the configured one, with its integrity
     * computed at startup when it was asked to be.
     *
     * @return the widget script
     */
    public WidgetScript widgetScript() {
        return page.widgetScript();
    }

    /**
     * Returns the origin of the widget page (the widget's iframe), for the CSP {@code frame-src}: the
     * configured one; else the one in the {@code widgetUrl} of the widget tokens minted so far; else
     * {@code https://app.airbyte.ai} for the default API host ({@code https://cloud.airbyte.com} for
     * {@code api.airbyte.com}), or the API host's own origin for any other host (the emulator, a
     * self-managed Airbyte).
     *
     * @return the origin in browser serialization, such as {@code https://app.airbyte.ai}
     */
    public String widgetPageOrigin() {
        return page.widgetPageOrigin();
    }

    /**
     * Returns the path of the bootstrap script that the filter serves, relative to the context path.
     * It contains a hash of the script, so it changes with every version of the script.
     *
     * @return for example {@code /airbyte-embedded/bootstrap-0123456789abcdef.js}
     */
    public String bootstrapScriptPath() {
        return PageAssets.installed().bootstrapScriptPath();
    }

    /**
     * Returns the Subresource Integrity value of the bootstrap script.
     *
     * @return {@code sha384-<base64>}
     */
    public String bootstrapScriptIntegrity() {
        return PageAssets.installed().bootstrapScriptIntegrity();
    }

    /** Prepares the page side once, when the filter starts in a web application. */
    void startPage(ServletContext context) {
        page.start(context);
    }

    PageSettings pageSettings() {
        return page;
    }

    /**
     * Returns the Java API of the users' connected sources, for pages rendered on the server.
     *
     * @return the connected sources API
     */
    public ConnectedSources sources() {
        return sources;
    }

    /**
     * Resolves the workspace name of the authenticated user of a request with the configured {@link
     * WorkspaceResolver}, as the routes do: the resolver's name in normal form (see {@link
     * WorkspaceResolver} for the rules), or its pseudonym.
     *
     * @param request the request
     * @return the workspace name, or empty when the request has no authenticated user or the resolver
     *     gave a name that breaks the rules
     */
    public Optional<String> workspaceName(HttpServletRequest request) {
        Objects.requireNonNull(request, "request");
        try {
            return users.identify(request).map(RequestUser::workspaceName);
        } catch (WorkspaceNames.InvalidWorkspaceNameException e) {
            return Optional.empty();
        }
    }

    /**
     * Returns whether the filter answers a request itself rather than passing it on: whether it is
     * addressed to the token route or, unless they are off, to one of the sources routes, with any
     * method. A request to a route with path parameters ({@code ;x=1}) is the route's, which refuses
     * it. Frameworks that must treat the routes apart (the Spring Security integration exempts them
     * from the CSRF token check) ask this, so that they and the filter never disagree.
     *
     * @param request the request
     * @return whether one of the routes answers it
     * @since 0.2.0
     */
    public boolean isRouteRequest(HttpServletRequest request) {
        return routePaths.match(Objects.requireNonNull(request, "request")) != null;
    }

    /** The routes, for the filter. */
    Pipeline pipeline() {
        return pipeline;
    }

    @Override
    public String toString() {
        return "AirbyteEmbedded{" + config + "}";
    }

    /** A per-user rate limit: in the shared store when there is one, in this instance's memory otherwise. */
    @FunctionalInterface
    private interface LimiterFactory {
        RateLimiter limiter(String name, int permits, Duration period);
    }
}
