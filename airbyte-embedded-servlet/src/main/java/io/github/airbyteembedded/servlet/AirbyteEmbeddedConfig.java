package io.github.airbyteembedded.servlet;

import io.github.airbyteembedded.servlet.internal.pipeline.Origin;
import io.github.airbyteembedded.servlet.internal.settings.Checks;
import io.github.airbyteembedded.servlet.internal.settings.RateLimit;
import io.github.airbyteembedded.servlet.internal.settings.Setting;
import io.github.airbyteembedded.servlet.internal.settings.Settings;
import io.github.airbyteembedded.servlet.internal.settings.Values;
import io.github.airbyteembedded.servlet.internal.upstream.Secret;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;

/**
 * The immutable configuration of Airbyte Embedded: Airbyte credentials, the origins allowed to host
 * the widget, the route, and how users map to workspaces.
 *
 * <p>Built once by a {@link Builder} that validates every setting and fails with an {@link
 * AirbyteEmbeddedConfigException} naming the bad one:
 *
 * <pre>{@code
 * AirbyteEmbeddedConfig config = AirbyteEmbeddedConfig.builder()
 *         .clientId(System.getenv("AIRBYTE_CLIENT_ID"))
 *         .clientSecret(System.getenv("AIRBYTE_CLIENT_SECRET"))
 *         .allowedOrigin("https://app.example.com")
 *         .build();
 * servletContext.addFilter("airbyteEmbedded", new AirbyteEmbeddedFilter(config))
 *         .addMappingForUrlPatterns(null, true, "/*");
 * }</pre>
 *
 * <p>{@link #toString()} lists the settings with the client secret redacted. The same settings can be
 * given as web.xml init-params; see {@link AirbyteEmbeddedFilter}.
 *
 * @since 0.1.0
 */
public final class AirbyteEmbeddedConfig {

    /** The Airbyte API host used when none is configured. */
    public static final URI DEFAULT_API_BASE_URI = URI.create("https://api.airbyte.ai");

    /** The path of the token route when none is configured. */
    public static final String DEFAULT_TOKEN_PATH = "/api/airbyte/widget-token";

    /** The path of the sources routes when none is configured. */
    public static final String DEFAULT_SOURCES_PATH = "/api/airbyte/sources";

    /** The path of the source-events route when none is configured. */
    public static final String DEFAULT_SOURCE_EVENTS_PATH = "/api/airbyte/source-events";

    /** How long before its expiry a cached operator token is replaced, when not configured. */
    public static final Duration DEFAULT_OPERATOR_TOKEN_REFRESH_SKEW = Duration.ofSeconds(60);

    /** The connect timeout of upstream calls when none is configured. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);

    /** The timeout of each upstream call when none is configured. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);

    /** How many upstream calls may be in flight at once when not configured. */
    public static final int DEFAULT_MAX_CONCURRENT_UPSTREAM_CALLS = 128;

    /**
     * How many requests may wait for an upstream call to end, past the in-flight bound, when not
     * configured.
     *
     * @since 0.2.0
     */
    public static final int DEFAULT_MAX_QUEUED_UPSTREAM_CALLS = 1000;

    /**
     * How long a request past the in-flight bound may wait for its turn, when not configured.
     *
     * @since 0.2.0
     */
    public static final Duration DEFAULT_MAX_QUEUE_WAIT = Duration.ofSeconds(3);

    /** How many widget tokens one user may obtain per {@link #DEFAULT_RATE_LIMIT_PERIOD} when not configured. */
    public static final int DEFAULT_RATE_LIMIT_PERMITS = 10;

    /** The period of the default per-user rate limit. */
    public static final Duration DEFAULT_RATE_LIMIT_PERIOD = Duration.ofMinutes(1);

    /** How many users' rate-limit state is kept at most when not configured. */
    public static final int DEFAULT_RATE_LIMIT_MAX_TRACKED_USERS = 10_000;

    /**
     * How many times one user may list their sources per {@link #DEFAULT_RATE_LIMIT_PERIOD} when not
     * configured: a page lists them once when it loads and once per connected source.
     *
     * @since 0.2.0
     */
    public static final int DEFAULT_SOURCES_LIST_RATE_LIMIT_PERMITS = 60;

    /**
     * How many sources one user may disconnect, and source events they may send, together per {@link
     * #DEFAULT_RATE_LIMIT_PERIOD} when not configured: one of each per click in the widget or the page.
     *
     * @since 0.2.0
     */
    public static final int DEFAULT_SOURCES_CHANGE_RATE_LIMIT_PERMITS = 30;

    /**
     * How long a route waits for the request body to arrive, when not configured.
     *
     * @since 0.2.0
     */
    public static final Duration DEFAULT_BODY_READ_TIMEOUT = Duration.ofSeconds(10);

    /**
     * How long a route waits for the shared {@link RateLimitStore} before treating it as unavailable,
     * when not configured.
     *
     * @since 0.2.0
     */
    public static final Duration DEFAULT_RATE_LIMIT_STORE_TIMEOUT = Duration.ofMillis(100);

    private final Values values;
    private final WorkspaceResolver workspaceResolver;
    private final Clock clock;
    private final TokenRouteListener listener;
    private final SourceConnectedListener sourceConnectedListener;
    private final WidgetScript widgetScript;
    private final RateLimitStore rateLimitStore;
    private final URI apiBaseUri;
    private final List<Origin> allowedOrigins;

    /** A configuration of the builder's code-only settings and of the values it checked. */
    private AirbyteEmbeddedConfig(Builder builder, Values checked) {
        this.values = checked;
        this.workspaceResolver = builder.workspaceResolver;
        this.clock = builder.clock;
        this.listener = builder.listener;
        this.sourceConnectedListener = builder.sourceConnectedListener;
        this.widgetScript = builder.widgetScript == null ? WidgetScript.defaults() : builder.widgetScript;
        this.rateLimitStore = builder.rateLimitStore;
        this.apiBaseUri = URI.create(checked.get(Settings.API_BASE_URL));
        this.allowedOrigins = checked.get(Settings.ALLOWED_ORIGINS).stream().map(Origin::parseConfigured).toList();
    }

    /**
     * Returns a new builder with every setting at its default.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns a builder holding this configuration's settings, to derive a changed copy.
     *
     * @return a new builder initialised from this configuration
     */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.values = values.copy();
        builder.workspaceResolver(workspaceResolver).clock(clock).listener(listener)
                .sourceConnectedListener(sourceConnectedListener).widgetScript(widgetScript);
        builder.rateLimitStore = rateLimitStore;
        return builder;
    }

    /**
     * Returns the Airbyte application client id.
     *
     * @return the client id, never blank
     */
    public String clientId() {
        return values.get(Settings.CLIENT_ID);
    }

    Secret clientSecret() {
        return values.get(Settings.CLIENT_SECRET);
    }

    /**
     * Returns the base URI of the Airbyte API, without a trailing slash; the route calls {@code
     * <base>/api/v1/account/applications/...}.
     *
     * @return the API base URI, {@code https://api.airbyte.ai} unless configured
     */
    public URI apiBaseUri() {
        return apiBaseUri;
    }

    /**
     * Returns the organization id sent as {@code X-Organization-Id}, if configured.
     *
     * @return the organization UUID as a string, or empty
     */
    public Optional<String> organizationId() {
        return Optional.ofNullable(values.get(Settings.ORGANIZATION_ID));
    }

    /**
     * Returns the origins allowed to host the widget, each in browser serialization (lower case, no
     * default port, no trailing slash).
     *
     * @return an unmodifiable, non-empty list
     */
    public List<String> allowedOrigins() {
        return values.get(Settings.ALLOWED_ORIGINS);
    }

    List<Origin> allowedOriginValues() {
        return allowedOrigins;
    }

    /**
     * Returns the path of the token route, relative to the context path.
     *
     * @return the path, starting with {@code /}
     */
    public String tokenPath() {
        return values.get(Settings.TOKEN_PATH);
    }

    /**
     * Returns the resolver that maps the authenticated user to a workspace name.
     *
     * @return the resolver, {@link WorkspaceResolver#principalName()} unless configured
     */
    public WorkspaceResolver workspaceResolver() {
        return workspaceResolver;
    }

    /**
     * Returns whether workspace names are case folded before anything else is made of them, so that
     * {@code Alice} and {@code alice} are one workspace (see {@link WorkspaceResolver} for the rules).
     *
     * @return {@code false} unless configured
     * @since 0.2.0
     */
    public boolean foldWorkspaceNameCase() {
        return values.get(Settings.WORKSPACE_FOLD_CASE);
    }

    /**
     * Returns how long a route waits for a request body to arrive before answering {@code 408
     * request_timeout}. No container thread waits meanwhile when the request is async-supported.
     *
     * @return the timeout, {@link #DEFAULT_BODY_READ_TIMEOUT} unless configured
     * @since 0.2.0
     */
    public Duration bodyReadTimeout() {
        return values.get(Settings.BODY_READ_TIMEOUT);
    }

    /**
     * Returns how long before its expiry a cached operator token (or scoped token) is replaced by a fresh one.
     *
     * @return the skew, 60 seconds unless configured
     */
    public Duration operatorTokenRefreshSkew() {
        return values.get(Settings.OPERATOR_TOKEN_REFRESH_SKEW);
    }

    /**
     * Returns the connect timeout of calls to Airbyte.
     *
     * @return the connect timeout
     */
    public Duration connectTimeout() {
        return values.get(Settings.CONNECT_TIMEOUT);
    }

    /**
     * Returns the deadline of each call to Airbyte, from sending the request to the last byte of the
     * answer's body (an answer whose body stalls after its headers ends there too).
     *
     * @return the request timeout
     */
    public Duration requestTimeout() {
        return values.get(Settings.REQUEST_TIMEOUT);
    }

    /**
     * Returns the region in which Airbyte creates new workspaces, if configured.
     *
     * @return the region UUID as a string, or empty for Airbyte's default (US)
     */
    public Optional<String> regionId() {
        return Optional.ofNullable(values.get(Settings.REGION_ID));
    }

    /**
     * Returns the tags that select which connectors the widget offers; empty means all enabled ones.
     *
     * @return an unmodifiable list of tags
     */
    public List<String> sourceTemplateTags() {
        return values.get(Settings.SOURCE_TEMPLATE_TAGS);
    }

    /**
     * Returns how {@link #sourceTemplateTags()} select connectors.
     *
     * @return the selection mode, {@link TagSelectionMode#ANY} unless configured
     */
    public TagSelectionMode sourceTemplateTagsMode() {
        return values.get(Settings.SOURCE_TEMPLATE_TAGS_MODE);
    }

    /**
     * Returns the tags that select which connection templates apply; empty means all.
     *
     * @return an unmodifiable list of tags
     */
    public List<String> connectionTemplateTags() {
        return values.get(Settings.CONNECTION_TEMPLATE_TAGS);
    }

    /**
     * Returns how {@link #connectionTemplateTags()} select connection templates.
     *
     * @return the selection mode, {@link TagSelectionMode#ANY} unless configured
     */
    public TagSelectionMode connectionTemplateTagsMode() {
        return values.get(Settings.CONNECTION_TEMPLATE_TAGS_MODE);
    }

    /**
     * Returns the clock used for token expiry.
     *
     * @return the clock, the UTC system clock unless configured
     */
    public Clock clock() {
        return clock;
    }

    /**
     * Returns how many calls to Airbyte may be in flight at once; past that requests wait their turn
     * in a queue ({@link #maxQueuedUpstreamCalls()}, {@link #maxQueueWait()}).
     *
     * @return the limit, {@value #DEFAULT_MAX_CONCURRENT_UPSTREAM_CALLS} unless configured
     */
    public int maxConcurrentUpstreamCalls() {
        return values.get(Settings.MAX_CONCURRENT_UPSTREAM_CALLS);
    }

    /**
     * Returns how many requests may wait for a call to Airbyte to end when {@link
     * #maxConcurrentUpstreamCalls()} are in flight; past that the routes answer {@code 503 overloaded}
     * at once. 0: no queue.
     *
     * @return the queue's size, {@value #DEFAULT_MAX_QUEUED_UPSTREAM_CALLS} unless configured
     * @since 0.2.0
     */
    public int maxQueuedUpstreamCalls() {
        return values.get(Settings.MAX_QUEUED_UPSTREAM_CALLS);
    }

    /**
     * Returns how long a request may wait in the queue for its turn before the route answers {@code
     * 503 overloaded} with {@code Retry-After}.
     *
     * @return the longest wait, {@link #DEFAULT_MAX_QUEUE_WAIT} unless configured
     * @since 0.2.0
     */
    public Duration maxQueueWait() {
        return values.get(Settings.MAX_QUEUE_WAIT);
    }

    /**
     * Returns whether each user's token requests are rate limited.
     *
     * @return {@code true} unless {@link Builder#disableRateLimit()} was called
     */
    public boolean rateLimitEnabled() {
        return values.get(Settings.RATE_LIMIT).enabled();
    }

    /**
     * Returns how many widget tokens one user may obtain per {@link #rateLimitPeriod()} when the rate
     * limit is enabled.
     *
     * @return the permits
     */
    public int rateLimitPermits() {
        return values.get(Settings.RATE_LIMIT).permits();
    }

    /**
     * Returns the period over which {@link #rateLimitPermits()} refill.
     *
     * @return the period
     */
    public Duration rateLimitPeriod() {
        return values.get(Settings.RATE_LIMIT).period();
    }

    /**
     * Returns how many users' rate-limit state is kept at most; past that the least recently seen
     * users' state is dropped, which only ever gives them a fresh allowance.
     *
     * @return the bound on tracked users
     */
    public int rateLimitMaxTrackedUsers() {
        return values.get(Settings.RATE_LIMIT_MAX_TRACKED_USERS);
    }

    /**
     * Returns whether each user's listing of their sources is rate limited.
     *
     * @return {@code true} unless {@link Builder#disableSourcesListRateLimit()} was called
     * @since 0.2.0
     */
    public boolean sourcesListRateLimitEnabled() {
        return values.get(Settings.SOURCES_LIST_RATE_LIMIT).enabled();
    }

    /**
     * Returns how many times one user may list their sources per {@link #sourcesListRateLimitPeriod()}.
     *
     * @return the permits, {@value #DEFAULT_SOURCES_LIST_RATE_LIMIT_PERMITS} unless configured
     * @since 0.2.0
     */
    public int sourcesListRateLimitPermits() {
        return values.get(Settings.SOURCES_LIST_RATE_LIMIT).permits();
    }

    /**
     * Returns the period over which {@link #sourcesListRateLimitPermits()} refill.
     *
     * @return the period, one minute unless configured
     * @since 0.2.0
     */
    public Duration sourcesListRateLimitPeriod() {
        return values.get(Settings.SOURCES_LIST_RATE_LIMIT).period();
    }

    /**
     * Returns whether each user's disconnecting of sources and source events are rate limited (one
     * limit for both).
     *
     * @return {@code true} unless {@link Builder#disableSourcesChangeRateLimit()} was called
     * @since 0.2.0
     */
    public boolean sourcesChangeRateLimitEnabled() {
        return values.get(Settings.SOURCES_CHANGE_RATE_LIMIT).enabled();
    }

    /**
     * Returns how many sources one user may disconnect, and source events they may send, together
     * per {@link #sourcesChangeRateLimitPeriod()}.
     *
     * @return the permits, {@value #DEFAULT_SOURCES_CHANGE_RATE_LIMIT_PERMITS} unless configured
     * @since 0.2.0
     */
    public int sourcesChangeRateLimitPermits() {
        return values.get(Settings.SOURCES_CHANGE_RATE_LIMIT).permits();
    }

    /**
     * Returns the period over which {@link #sourcesChangeRateLimitPermits()} refill.
     *
     * @return the period, one minute unless configured
     * @since 0.2.0
     */
    public Duration sourcesChangeRateLimitPeriod() {
        return values.get(Settings.SOURCES_CHANGE_RATE_LIMIT).period();
    }

    /**
     * Returns the store shared by every instance of the application in which the per-user rate limits
     * and the record of confirmed sources are kept, if one is configured.
     *
     * @return the store, or empty when each instance keeps them in its own memory (the default)
     * @since 0.2.0
     */
    public Optional<RateLimitStore> rateLimitStore() {
        return Optional.ofNullable(rateLimitStore);
    }

    /**
     * Returns how long a route waits for the shared {@link RateLimitStore} before treating it as
     * unavailable; no wait is ever longer.
     *
     * @return the timeout, {@link #DEFAULT_RATE_LIMIT_STORE_TIMEOUT} unless configured
     * @since 0.2.0
     */
    public Duration rateLimitStoreTimeout() {
        return values.get(Settings.RATE_LIMIT_STORE_TIMEOUT);
    }

    /**
     * Returns whether requests are served without the per-user limits while the shared {@link
     * RateLimitStore} is unavailable (fail open), rather than refused with {@code 503
     * rate_limit_store_unavailable} and {@code Retry-After} (fail closed).
     *
     * @return {@code true} (fail open) unless configured
     * @since 0.2.0
     */
    public boolean rateLimitStoreFailOpen() {
        return values.get(Settings.RATE_LIMIT_STORE_FAIL_OPEN);
    }

    /**
     * Returns the listener told about every outcome of the route and every call to Airbyte.
     *
     * @return the listener; a no-op unless configured
     */
    public TokenRouteListener listener() {
        return listener;
    }

    /**
     * Returns whether the filter serves the sources routes: {@code GET <sources-path>}, {@code DELETE
     * <sources-path>/{id}} and {@code POST <source-events-path>}.
     *
     * @return {@code true} unless disabled
     */
    public boolean sourceRoutesEnabled() {
        return values.get(Settings.SOURCE_ROUTES);
    }

    /**
     * Returns the path of the sources routes, relative to the context path.
     *
     * @return the path, {@value #DEFAULT_SOURCES_PATH} unless configured
     */
    public String sourcesPath() {
        return values.get(Settings.SOURCES_PATH);
    }

    /**
     * Returns the path of the source-events route, relative to the context path.
     *
     * @return the path, {@value #DEFAULT_SOURCE_EVENTS_PATH} unless configured
     */
    public String sourceEventsPath() {
        return values.get(Settings.SOURCE_EVENTS_PATH);
    }

    /**
     * Returns the listener told about sources that users connected, once Airbyte confirmed them.
     *
     * @return the listener; a no-op unless configured
     */
    public SourceConnectedListener sourceConnectedListener() {
        return sourceConnectedListener;
    }

    /**
     * Returns the widget's {@code <script>} as the page side renders it: the pinned version, where it
     * is loaded from, and its integrity.
     *
     * @return the widget script, {@link WidgetScript#defaults()} unless configured
     */
    public WidgetScript widgetScript() {
        return widgetScript;
    }

    /**
     * Returns the configured origin of the widget page (the widget's iframe), for the CSP {@code
     * frame-src} of the pages that host the widget.
     *
     * @return the origin in browser serialization, or empty when it is derived (see {@link
     *     AirbyteEmbedded#widgetPageOrigin()})
     */
    public Optional<String> widgetPageOrigin() {
        return Optional.ofNullable(values.get(Settings.WIDGET_PAGE_ORIGIN));
    }

    /**
     * Returns whether the pages that render the widget's tags get a {@code Content-Security-Policy}
     * header with what the widget needs (merged into the header the application already set, if any).
     *
     * @return {@code false} unless configured
     */
    public boolean addContentSecurityPolicy() {
        return values.get(Settings.ADD_CONTENT_SECURITY_POLICY);
    }

    /** Lists the settings that have a value; the client secret is printed as {@code [redacted]}. */
    @Override
    public String toString() {
        StringJoiner joiner = new StringJoiner(", ", "AirbyteEmbeddedConfig{", "}");
        for (Setting<?> setting : Settings.CONFIG) {
            if (values.has(setting)) {
                joiner.add(Settings.describe(setting, values));
            }
        }
        joiner.add("workspaceResolver=" + workspaceResolver);
        joiner.add("widgetScript=" + widgetScript);
        if (rateLimitStore != null) {
            joiner.add("rateLimitStore=" + rateLimitStore);
        }
        return joiner.toString();
    }

    /**
     * Builds an {@link AirbyteEmbeddedConfig}. Setters only reject {@code null}; every other check runs
     * once, in {@link #build()}, which can be called more than once and does not change the builder.
     *
     * <p>Required: {@link #clientId(String)}, {@link #clientSecret(String)} and at least one {@link
     * #allowedOrigin(String)}.
     *
     * @since 0.1.0
     */
    public static final class Builder {

        private Values values = Values.defaults(Settings.CONFIG);
        private WorkspaceResolver workspaceResolver = WorkspaceResolver.principalName();
        private Clock clock = Clock.systemUTC();
        private TokenRouteListener listener = TokenRouteListener.NONE;
        private SourceConnectedListener sourceConnectedListener = SourceConnectedListener.NONE;
        private WidgetScript widgetScript;
        private RateLimitStore rateLimitStore;

        private Builder() {
        }

        /**
         * Sets the Airbyte application client id (required).
         *
         * @param clientId the client id from Airbyte's "Authentication Module &gt; Installation" page
         * @return this builder
         */
        public Builder clientId(String clientId) {
            return set(Settings.CLIENT_ID, Checks.given(clientId, Settings.CLIENT_ID.key(), true));
        }

        /**
         * Sets the Airbyte application client secret (required). Read it from the environment or a
         * secret store; it is never printed.
         *
         * @param clientSecret the client secret
         * @return this builder
         */
        public Builder clientSecret(String clientSecret) {
            return set(Settings.CLIENT_SECRET, Secret.of(Checks.given(clientSecret, Settings.CLIENT_SECRET.key(), true)));
        }

        /**
         * Sets the base URI of the Airbyte API (default {@code https://api.airbyte.ai}). Must be
         * {@code https}, except on a loopback host, so that a local emulator can be used.
         *
         * @param apiBaseUri an absolute URI such as {@code https://api.airbyte.ai}
         * @return this builder
         */
        public Builder apiBaseUri(String apiBaseUri) {
            return set(Settings.API_BASE_URL, Checks.given(apiBaseUri, Settings.API_BASE_URL.key(), false));
        }

        /**
         * Sets the base URI of the Airbyte API; see {@link #apiBaseUri(String)}.
         *
         * @param apiBaseUri an absolute URI
         * @return this builder
         */
        public Builder apiBaseUri(URI apiBaseUri) {
            return apiBaseUri(Checks.given(apiBaseUri, Settings.API_BASE_URL.key(), false).toString());
        }

        /**
         * Sets the organization id sent as {@code X-Organization-Id}, needed when the Airbyte account
         * belongs to several organizations.
         *
         * @param organizationId a UUID, or {@code null} to send none
         * @return this builder
         */
        public Builder organizationId(String organizationId) {
            return set(Settings.ORGANIZATION_ID, organizationId);
        }

        /**
         * Adds an origin allowed to host the widget, such as {@code https://app.example.com} or
         * {@code http://localhost:8080}: scheme, host and port only, no path or trailing slash, no
         * wildcard. Case and a default port are normalised.
         *
         * @param origin the origin
         * @return this builder
         */
        public Builder allowedOrigin(String origin) {
            List<String> origins = new ArrayList<>(values.get(Settings.ALLOWED_ORIGINS));
            origins.add(Checks.given(origin, Settings.ALLOWED_ORIGINS.key(), true));
            return set(Settings.ALLOWED_ORIGINS, List.copyOf(origins));
        }

        /**
         * Replaces the allowed origins; see {@link #allowedOrigin(String)}.
         *
         * @param origins the origins
         * @return this builder
         */
        public Builder allowedOrigins(Collection<String> origins) {
            Checks.given(origins, Settings.ALLOWED_ORIGINS.key(), true);
            origins.forEach(origin -> Checks.given(origin, Settings.ALLOWED_ORIGINS.key(), true));
            return set(Settings.ALLOWED_ORIGINS, List.copyOf(origins));
        }

        /**
         * Sets the path of the token route relative to the context path (default {@code
         * /api/airbyte/widget-token}).
         *
         * @param tokenPath a path starting with {@code /}
         * @return this builder
         */
        public Builder tokenPath(String tokenPath) {
            return set(Settings.TOKEN_PATH, Checks.given(tokenPath, Settings.TOKEN_PATH.key(), false));
        }

        /**
         * Sets how the authenticated user maps to a workspace name (default: the principal's name).
         *
         * @param workspaceResolver the resolver
         * @return this builder
         */
        public Builder workspaceResolver(WorkspaceResolver workspaceResolver) {
            this.workspaceResolver = Checks.given(workspaceResolver, "workspace-resolver", false);
            return this;
        }

        /**
         * Sets whether workspace names are case folded (default {@code false}), for logins that keep
         * the case the user typed: {@code Alice} and {@code alice} then get one workspace. The name
         * the resolver gives is folded before anything is made of it, so a pseudonym is the
         * pseudonym of the folded name. Turning it on moves users whose names have upper-case
         * letters to another workspace.
         *
         * @param fold whether to fold case
         * @return this builder
         * @since 0.2.0
         */
        public Builder foldWorkspaceNameCase(boolean fold) {
            return set(Settings.WORKSPACE_FOLD_CASE, fold);
        }

        /**
         * Sets how long a route waits for a request body to arrive (default 10 seconds); past that it
         * answers {@code 408 request_timeout} and closes the connection. The user and the origin are
         * checked before the body is read, and, for async-supported requests, no container thread
         * waits for it.
         *
         * @param timeout a positive duration of at most 5 minutes
         * @return this builder
         * @since 0.2.0
         */
        public Builder bodyReadTimeout(Duration timeout) {
            return set(Settings.BODY_READ_TIMEOUT, Checks.given(timeout, Settings.BODY_READ_TIMEOUT.key(), false));
        }

        /**
         * Sets how long before its expiry a cached operator token, or a workspace's cached scoped token,
         * is replaced (default 60 seconds, at most 10 minutes). Tokens that live shorter than twice the
         * skew are kept for half their lifetime.
         *
         * @param skew a non-negative duration
         * @return this builder
         */
        public Builder operatorTokenRefreshSkew(Duration skew) {
            return set(Settings.OPERATOR_TOKEN_REFRESH_SKEW, Checks.given(skew, Settings.OPERATOR_TOKEN_REFRESH_SKEW.key(), false));
        }

        /**
         * Sets the connect timeout of calls to Airbyte (default 5 seconds).
         *
         * @param connectTimeout a positive duration of at most 5 minutes
         * @return this builder
         */
        public Builder connectTimeout(Duration connectTimeout) {
            return set(Settings.CONNECT_TIMEOUT, Checks.given(connectTimeout, Settings.CONNECT_TIMEOUT.key(), false));
        }

        /**
         * Sets the timeout of each call to Airbyte (default 10 seconds).
         *
         * @param requestTimeout a positive duration of at most 5 minutes
         * @return this builder
         */
        public Builder requestTimeout(Duration requestTimeout) {
            return set(Settings.REQUEST_TIMEOUT, Checks.given(requestTimeout, Settings.REQUEST_TIMEOUT.key(), false));
        }

        /**
         * Sets the region in which Airbyte creates new workspaces (default: Airbyte's, US).
         *
         * @param regionId a region UUID, or {@code null} for Airbyte's default
         * @return this builder
         */
        public Builder regionId(String regionId) {
            return set(Settings.REGION_ID, regionId);
        }

        /**
         * Limits the connectors the widget offers to source templates with the given tags.
         *
         * @param tags the tags; empty for every enabled connector
         * @param mode whether a template needs any or all of the tags
         * @return this builder
         */
        public Builder sourceTemplateTags(Collection<String> tags, TagSelectionMode mode) {
            set(Settings.SOURCE_TEMPLATE_TAGS, copyTags(tags, Settings.SOURCE_TEMPLATE_TAGS.key()));
            return set(Settings.SOURCE_TEMPLATE_TAGS_MODE, Checks.given(mode, Settings.SOURCE_TEMPLATE_TAGS_MODE.key(), false));
        }

        /**
         * Limits the connection templates applied to new sources to those with the given tags.
         *
         * @param tags the tags; empty for every connection template
         * @param mode whether a template needs any or all of the tags
         * @return this builder
         */
        public Builder connectionTemplateTags(Collection<String> tags, TagSelectionMode mode) {
            set(Settings.CONNECTION_TEMPLATE_TAGS, copyTags(tags, Settings.CONNECTION_TEMPLATE_TAGS.key()));
            return set(Settings.CONNECTION_TEMPLATE_TAGS_MODE, Checks.given(mode, Settings.CONNECTION_TEMPLATE_TAGS_MODE.key(), false));
        }

        /**
         * Sets the clock used for token expiry (default: the UTC system clock). Tests pass a clock they
         * control instead of sleeping.
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Checks.given(clock, "clock", false);
            return this;
        }

        /**
         * Sets how many calls to Airbyte may be in flight at once (default {@value
         * #DEFAULT_MAX_CONCURRENT_UPSTREAM_CALLS}), so a slow Airbyte cannot pile up work; past that a
         * request waits its turn in a bounded queue, holding no container thread ({@link
         * #maxQueuedUpstreamCalls(int)}, {@link #maxQueueWait(Duration)}).
         *
         * @param limit between 1 and 10000
         * @return this builder
         */
        public Builder maxConcurrentUpstreamCalls(int limit) {
            return set(Settings.MAX_CONCURRENT_UPSTREAM_CALLS, limit);
        }

        /**
         * Sets how many requests may wait, first come first served, for a call to Airbyte to end when
         * the in-flight bound is reached (default {@value #DEFAULT_MAX_QUEUED_UPSTREAM_CALLS}); a
         * request past that is answered {@code 503 overloaded} with {@code Retry-After} at once. A
         * waiting request holds no container thread (the filter must be async-supported). 0 turns the
         * queue off: every request past the bound is refused at once.
         *
         * @param size between 0 and 100000
         * @return this builder
         * @since 0.2.0
         */
        public Builder maxQueuedUpstreamCalls(int size) {
            return set(Settings.MAX_QUEUED_UPSTREAM_CALLS, size);
        }

        /**
         * Sets how long a request may wait in the queue for its turn (default 3 seconds); then it is
         * answered {@code 503 overloaded} with {@code Retry-After}. The wait comes before, and is not
         * part of, the deadline of the route's call to Airbyte.
         *
         * @param wait positive, at most 5 minutes
         * @return this builder
         * @since 0.2.0
         */
        public Builder maxQueueWait(Duration wait) {
            return set(Settings.MAX_QUEUE_WAIT, Checks.given(wait, Settings.MAX_QUEUE_WAIT.key(), false));
        }

        /**
         * Limits each user to {@code permits} widget tokens per {@code period} (default 10 per
         * minute), refilled continuously; past that the route answers {@code 429 rate_limited} with
         * {@code Retry-After}. The user is the principal's name, or the workspace name when the
         * resolver does not use a principal.
         *
         * @param permits between 1 and 1000000
         * @param period between 1 second and 1 day
         * @return this builder
         */
        public Builder rateLimit(int permits, Duration period) {
            return set(Settings.RATE_LIMIT, RateLimit.of(permits, Checks.given(period, Settings.RATE_LIMIT.key(), false)));
        }

        /**
         * Turns the per-user rate limit off.
         *
         * @return this builder
         */
        public Builder disableRateLimit() {
            return set(Settings.RATE_LIMIT, values.get(Settings.RATE_LIMIT).off());
        }

        /**
         * Bounds the memory of the rate limiter to this many users (default {@value
         * #DEFAULT_RATE_LIMIT_MAX_TRACKED_USERS}); the least recently seen are forgotten first.
         *
         * @param maxTrackedUsers between 1 and 10000000
         * @return this builder
         */
        public Builder rateLimitMaxTrackedUsers(int maxTrackedUsers) {
            return set(Settings.RATE_LIMIT_MAX_TRACKED_USERS, maxTrackedUsers);
        }

        /**
         * Keeps the per-user rate limits and the record of confirmed sources in a store shared by every
         * instance of the application (default: each instance in its own memory), so that a user gets
         * each limit once, however many instances serve them. The application closes a store it gives
         * here.
         *
         * @param store the shared store, such as {@code RedisRateLimitStore.create(uri)}
         *     (airbyte-embedded-redis), or {@code null} for each instance's memory
         * @return this builder
         * @since 0.2.0
         */
        public Builder rateLimitStore(RateLimitStore store) {
            this.rateLimitStore = store;
            return this;
        }

        /**
         * Sets how long a route waits for the shared {@link RateLimitStore} (default 100 ms); an answer
         * that fails or takes longer means the store is unavailable (see {@link
         * #rateLimitStoreFailOpen(boolean)}).
         *
         * @param timeout between 1 millisecond and 10 seconds
         * @return this builder
         * @since 0.2.0
         */
        public Builder rateLimitStoreTimeout(Duration timeout) {
            return set(Settings.RATE_LIMIT_STORE_TIMEOUT, Checks.given(timeout, Settings.RATE_LIMIT_STORE_TIMEOUT.key(), false));
        }

        /**
         * Sets what the routes do while the shared {@link RateLimitStore} is unavailable: serve requests
         * without the per-user limits ({@code true}, the default: connecting a source matters more than
         * the limit), with one WARNING per outage and each request counted ({@link
         * TokenRouteStatistics#rateLimitStoreFailures()}); or refuse them with {@code 503
         * rate_limit_store_unavailable} and {@code Retry-After} ({@code false}).
         *
         * @param failOpen whether to serve requests while the store is unavailable
         * @return this builder
         * @since 0.2.0
         */
        public Builder rateLimitStoreFailOpen(boolean failOpen) {
            return set(Settings.RATE_LIMIT_STORE_FAIL_OPEN, failOpen);
        }

        /**
         * Limits how often each user may list their sources (default {@value
         * #DEFAULT_SOURCES_LIST_RATE_LIMIT_PERMITS} per minute), refilled continuously; past that
         * {@code GET <sources-path>} answers {@code 429 rate_limited} with {@code Retry-After}. Users
         * are told apart as by {@link #rateLimit(int, Duration)}, and at most {@link
         * #rateLimitMaxTrackedUsers(int)} users are tracked.
         *
         * @param permits between 1 and 1000000
         * @param period between 1 second and 1 day
         * @return this builder
         * @since 0.2.0
         */
        public Builder sourcesListRateLimit(int permits, Duration period) {
            return set(Settings.SOURCES_LIST_RATE_LIMIT, RateLimit.of(permits, Checks.given(period, Settings.SOURCES_LIST_RATE_LIMIT.key(), false)));
        }

        /**
         * Turns the per-user rate limit of listing sources off.
         *
         * @return this builder
         * @since 0.2.0
         */
        public Builder disableSourcesListRateLimit() {
            return set(Settings.SOURCES_LIST_RATE_LIMIT, values.get(Settings.SOURCES_LIST_RATE_LIMIT).off());
        }

        /**
         * Limits how many sources each user may disconnect and source events they may send, together
         * (default {@value #DEFAULT_SOURCES_CHANGE_RATE_LIMIT_PERMITS} per minute), refilled
         * continuously; past that {@code DELETE <sources-path>/{id}} and {@code POST
         * <source-events-path>} answer {@code 429 rate_limited} with {@code Retry-After}.
         *
         * @param permits between 1 and 1000000
         * @param period between 1 second and 1 day
         * @return this builder
         * @since 0.2.0
         */
        public Builder sourcesChangeRateLimit(int permits, Duration period) {
            return set(Settings.SOURCES_CHANGE_RATE_LIMIT, RateLimit.of(permits, Checks.given(period, Settings.SOURCES_CHANGE_RATE_LIMIT.key(), false)));
        }

        /**
         * Turns the per-user rate limit of disconnecting sources and of source events off.
         *
         * @return this builder
         * @since 0.2.0
         */
        public Builder disableSourcesChangeRateLimit() {
            return set(Settings.SOURCES_CHANGE_RATE_LIMIT, values.get(Settings.SOURCES_CHANGE_RATE_LIMIT).off());
        }

        /**
         * Sets a listener told about every outcome of the route and every call to Airbyte, for
         * metrics (the Spring Boot layer publishes them through Micrometer).
         *
         * @param listener the listener; it must be fast and must not throw
         * @return this builder
         */
        public Builder listener(TokenRouteListener listener) {
            this.listener = Checks.given(listener, "listener", false);
            return this;
        }

        /**
         * Sets whether the filter serves the sources routes (default {@code true}): the signed-in user's
         * sources as JSON at {@code GET <sources-path>}, disconnecting one at {@code DELETE
         * <sources-path>/{id}}, and confirming a widget event at {@code POST <source-events-path>}.
         *
         * @param enabled {@code false} to serve the token route only
         * @return this builder
         */
        public Builder sourceRoutes(boolean enabled) {
            return set(Settings.SOURCE_ROUTES, enabled);
        }

        /**
         * Sets the widget's {@code <script>} that the page side renders (default {@link
         * WidgetScript#defaults()}: version 0.4.5 from jsDelivr, without integrity).
         *
         * @param widgetScript the pinned widget script
         * @return this builder
         */
        public Builder widgetScript(WidgetScript widgetScript) {
            this.widgetScript = Checks.given(widgetScript, "widget-script", false);
            return this;
        }

        /**
         * Sets the path of the sources routes relative to the context path (default {@value
         * #DEFAULT_SOURCES_PATH}).
         *
         * @param path a path starting with {@code /}
         * @return this builder
         */
        public Builder sourcesPath(String path) {
            return set(Settings.SOURCES_PATH, Checks.given(path, Settings.SOURCES_PATH.key(), false));
        }

        /**
         * Sets the origin of the widget page (the iframe the widget opens), for the CSP {@code
         * frame-src}. Default: learned from the {@code widgetUrl} of the widget tokens minted, and
         * until the first one, {@code https://app.airbyte.ai} for the default API host, or the API
         * host's origin otherwise (the emulator serves its widget page itself).
         *
         * @param origin an origin such as {@code https://app.airbyte.ai}, or {@code null} to derive it
         * @return this builder
         */
        public Builder widgetPageOrigin(String origin) {
            return set(Settings.WIDGET_PAGE_ORIGIN, origin);
        }

        /**
         * Sets the path of the source-events route relative to the context path (default {@value
         * #DEFAULT_SOURCE_EVENTS_PATH}).
         *
         * @param path a path starting with {@code /}
         * @return this builder
         */
        public Builder sourceEventsPath(String path) {
            return set(Settings.SOURCE_EVENTS_PATH, Checks.given(path, Settings.SOURCE_EVENTS_PATH.key(), false));
        }

        /**
         * Sets the listener told about sources users connected, once Airbyte confirmed them.
         *
         * @param listener the listener
         * @return this builder
         */
        public Builder sourceConnectedListener(SourceConnectedListener listener) {
            this.sourceConnectedListener = Checks.given(listener, "source-connected-listener", false);
            return this;
        }

        /**
         * Sets whether pages that render the widget's tags get a {@code Content-Security-Policy} header
         * with what the widget needs (default {@code false}: no header is ever added). When the
         * response already has one, the widget's needs are merged into it; otherwise a strict policy is
         * set ({@link io.github.airbyteembedded.servlet.page.WidgetCsp#headerValue()}).
         *
         * @param add whether to add the header
         * @return this builder
         */
        public Builder addContentSecurityPolicy(boolean add) {
            return set(Settings.ADD_CONTENT_SECURITY_POLICY, add);
        }

        /**
         * Validates the settings and builds the configuration.
         *
         * @return a new immutable configuration
         * @throws AirbyteEmbeddedConfigException if a required setting is missing or a value is
         *     invalid; {@link AirbyteEmbeddedConfigException#setting()} names it
         */
        public AirbyteEmbeddedConfig build() {
            Values checked = values.checked(Settings.CONFIG);
            String tokenPath = checked.get(Settings.TOKEN_PATH);
            String sourcesPath = checked.get(Settings.SOURCES_PATH);
            String sourceEventsPath = checked.get(Settings.SOURCE_EVENTS_PATH);
            if (checked.get(Settings.SOURCE_ROUTES) && (tokenPath.equals(sourcesPath) || tokenPath.equals(sourceEventsPath)
                    || sourcesPath.equals(sourceEventsPath) || sourceEventsPath.startsWith(sourcesPath + "/")
                    || tokenPath.startsWith(sourcesPath + "/"))) {
                throw new AirbyteEmbeddedConfigException(Settings.SOURCES_PATH.key(),
                        "the token, sources and source-events paths must be distinct, and none may lie under the sources path");
            }
            return new AirbyteEmbeddedConfig(this, checked);
        }

        private <T> Builder set(Setting<T> setting, T value) {
            values.put(setting, value);
            return this;
        }

        private static List<String> copyTags(Collection<String> tags, String setting) {
            Checks.given(tags, setting, false);
            Set<String> copy = new LinkedHashSet<>();
            for (String tag : tags) {
                Checks.given(tag, setting, false);
                if (!tag.isBlank()) {
                    copy.add(tag.strip());
                }
            }
            return List.copyOf(copy);
        }
    }
}
