package io.github.airbyteembedded.servlet;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ForkJoinPool;

/**
 * The running Airbyte Embedded integration of one application: its configuration, the HTTP client
 * and cached operator token it uses to talk to Airbyte, the per-user rate limiter, and the counters
 * of what the token route did.
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

    private final AirbyteEmbeddedConfig config;
    private final RouteMetrics metrics;
    private final OperatorTokenCache operatorTokens;
    private final WidgetTokenService widgetTokens;
    private final UpstreamPermits upstreamPermits;
    private final UserRateLimiter rateLimiter;

    private AirbyteEmbedded(AirbyteEmbeddedConfig config) {
        this.config = config;
        this.metrics = new RouteMetrics(config.listener());
        AirbyteApiClient client = new AirbyteApiClient(config, AirbyteApiClient.newHttpClient(config), metrics);
        this.operatorTokens = new OperatorTokenCache(client::fetchOperatorToken, config.operatorTokenRefreshSkew(),
                config.clock(), ForkJoinPool.commonPool());
        this.widgetTokens = new WidgetTokenService(client, operatorTokens);
        this.upstreamPermits = new UpstreamPermits(config.maxConcurrentUpstreamCalls());
        this.metrics.inFlightFrom(upstreamPermits::inFlight);
        this.rateLimiter = config.rateLimitEnabled()
                ? new UserRateLimiter(config.rateLimitPermits(), config.rateLimitPeriod(),
                        config.rateLimitMaxTrackedUsers(), tickerOf(config.clock()))
                : null;
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
     * Returns a snapshot of the token route's outcomes and of the calls to Airbyte since startup.
     *
     * @return a new snapshot
     */
    public TokenRouteStatistics statistics() {
        return metrics.snapshot();
    }

    /**
     * Returns when the cached operator token stops being used, if one is cached; never calls Airbyte.
     * Health checks use it to report whether the application currently holds a valid token.
     *
     * @return the instant the cached token will be replaced, or empty when none is cached
     */
    public Optional<Instant> cachedOperatorTokenRefreshAt() {
        return operatorTokens.cached().map(token -> token.fetchedAt().plus(token.cacheLifetime(config.operatorTokenRefreshSkew())));
    }

    RouteMetrics metrics() {
        return metrics;
    }

    WidgetTokenService widgetTokens() {
        return widgetTokens;
    }

    UpstreamPermits upstreamPermits() {
        return upstreamPermits;
    }

    /** The per-user rate limiter, or empty when the rate limit is disabled. */
    Optional<UserRateLimiter> rateLimiter() {
        return Optional.ofNullable(rateLimiter);
    }

    static Ticker tickerOf(Clock clock) {
        return () -> {
            Instant now = clock.instant();
            return now.getEpochSecond() * 1_000_000_000L + now.getNano();
        };
    }

    @Override
    public String toString() {
        return "AirbyteEmbedded{" + config + "}";
    }
}
