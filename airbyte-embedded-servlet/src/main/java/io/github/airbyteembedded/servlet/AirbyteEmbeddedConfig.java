package io.github.airbyteembedded.servlet;

import io.github.airbyteembedded.servlet.internal.pipeline.Origin;
import io.github.airbyteembedded.servlet.internal.upstream.Secret;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import java.util.regex.Pattern;

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

    private static final Duration MAX_REFRESH_SKEW = Duration.ofMinutes(10);
    private static final Duration MAX_TIMEOUT = Duration.ofMinutes(5);
    private static final Pattern UUID_PATTERN =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final String clientId;
    private final Secret clientSecret;
    private final URI apiBaseUri;
    private final String organizationId;
    private final List<Origin> allowedOrigins;
    private final String tokenPath;
    private final WorkspaceResolver workspaceResolver;
    private final Duration operatorTokenRefreshSkew;
    private final Duration connectTimeout;
    private final Duration requestTimeout;
    private final String regionId;
    private final List<String> sourceTemplateTags;
    private final TagSelectionMode sourceTemplateTagsMode;
    private final List<String> connectionTemplateTags;
    private final TagSelectionMode connectionTemplateTagsMode;
    private final Clock clock;
    private final int maxConcurrentUpstreamCalls;
    private final boolean rateLimitEnabled;
    private final int rateLimitPermits;
    private final Duration rateLimitPeriod;
    private final int rateLimitMaxTrackedUsers;
    private final boolean sourcesListRateLimitEnabled;
    private final int sourcesListRateLimitPermits;
    private final Duration sourcesListRateLimitPeriod;
    private final boolean sourcesChangeRateLimitEnabled;
    private final int sourcesChangeRateLimitPermits;
    private final Duration sourcesChangeRateLimitPeriod;
    private final Duration bodyReadTimeout;
    private final boolean foldWorkspaceNameCase;
    private final TokenRouteListener listener;
    private final boolean sourceRoutesEnabled;
    private final String sourcesPath;
    private final String sourceEventsPath;
    private final SourceConnectedListener sourceConnectedListener;
    private final WidgetScript widgetScript;
    private final Origin widgetPageOrigin;
    private final boolean addContentSecurityPolicy;

    private AirbyteEmbeddedConfig(Builder builder, List<Origin> allowedOrigins, URI apiBaseUri) {
        this.clientId = builder.clientId.strip();
        this.clientSecret = Secret.of(builder.clientSecret);
        this.apiBaseUri = apiBaseUri;
        this.organizationId = builder.organizationId;
        this.allowedOrigins = List.copyOf(allowedOrigins);
        this.tokenPath = builder.tokenPath;
        this.workspaceResolver = builder.workspaceResolver;
        this.operatorTokenRefreshSkew = builder.operatorTokenRefreshSkew;
        this.connectTimeout = builder.connectTimeout;
        this.requestTimeout = builder.requestTimeout;
        this.regionId = builder.regionId;
        this.sourceTemplateTags = List.copyOf(builder.sourceTemplateTags);
        this.sourceTemplateTagsMode = builder.sourceTemplateTagsMode;
        this.connectionTemplateTags = List.copyOf(builder.connectionTemplateTags);
        this.connectionTemplateTagsMode = builder.connectionTemplateTagsMode;
        this.clock = builder.clock;
        this.maxConcurrentUpstreamCalls = builder.maxConcurrentUpstreamCalls;
        this.rateLimitEnabled = builder.rateLimitEnabled;
        this.rateLimitPermits = builder.rateLimitPermits;
        this.rateLimitPeriod = builder.rateLimitPeriod;
        this.rateLimitMaxTrackedUsers = builder.rateLimitMaxTrackedUsers;
        this.sourcesListRateLimitEnabled = builder.sourcesListRateLimitEnabled;
        this.sourcesListRateLimitPermits = builder.sourcesListRateLimitPermits;
        this.sourcesListRateLimitPeriod = builder.sourcesListRateLimitPeriod;
        this.sourcesChangeRateLimitEnabled = builder.sourcesChangeRateLimitEnabled;
        this.sourcesChangeRateLimitPermits = builder.sourcesChangeRateLimitPermits;
        this.sourcesChangeRateLimitPeriod = builder.sourcesChangeRateLimitPeriod;
        this.bodyReadTimeout = builder.bodyReadTimeout;
        this.foldWorkspaceNameCase = builder.foldWorkspaceNameCase;
        this.listener = builder.listener;
        this.sourceRoutesEnabled = builder.sourceRoutesEnabled;
        this.sourcesPath = builder.sourcesPath;
        this.sourceEventsPath = builder.sourceEventsPath;
        this.sourceConnectedListener = builder.sourceConnectedListener;
        this.widgetScript = builder.widgetScript == null ? WidgetScript.defaults() : builder.widgetScript;
        this.widgetPageOrigin = widgetPageOrigin(builder.widgetPageOrigin);
        this.addContentSecurityPolicy = builder.addContentSecurityPolicy;
    }

    private static Origin widgetPageOrigin(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Origin.parseConfigured(value);
        } catch (IllegalArgumentException e) {
            throw new AirbyteEmbeddedConfigException("widget-page-origin", e.getMessage());
        }
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
        Builder builder = new Builder()
                .clientId(clientId)
                .clientSecret(clientSecret.reveal())
                .apiBaseUri(apiBaseUri.toString())
                .allowedOrigins(allowedOrigins())
                .tokenPath(tokenPath)
                .workspaceResolver(workspaceResolver)
                .foldWorkspaceNameCase(foldWorkspaceNameCase)
                .operatorTokenRefreshSkew(operatorTokenRefreshSkew)
                .connectTimeout(connectTimeout)
                .requestTimeout(requestTimeout)
                .bodyReadTimeout(bodyReadTimeout)
                .sourceTemplateTags(sourceTemplateTags, sourceTemplateTagsMode)
                .connectionTemplateTags(connectionTemplateTags, connectionTemplateTagsMode)
                .clock(clock)
                .organizationId(organizationId)
                .regionId(regionId)
                .maxConcurrentUpstreamCalls(maxConcurrentUpstreamCalls)
                .rateLimitMaxTrackedUsers(rateLimitMaxTrackedUsers)
                .listener(listener)
                .sourceRoutes(sourceRoutesEnabled)
                .sourcesPath(sourcesPath)
                .sourceEventsPath(sourceEventsPath)
                .sourceConnectedListener(sourceConnectedListener)
                .widgetScript(widgetScript)
                .widgetPageOrigin(widgetPageOrigin == null ? null : widgetPageOrigin.serialized())
                .addContentSecurityPolicy(addContentSecurityPolicy);
        builder.rateLimit(rateLimitPermits, rateLimitPeriod);
        if (!rateLimitEnabled) {
            builder.disableRateLimit();
        }
        builder.sourcesListRateLimit(sourcesListRateLimitPermits, sourcesListRateLimitPeriod);
        if (!sourcesListRateLimitEnabled) {
            builder.disableSourcesListRateLimit();
        }
        builder.sourcesChangeRateLimit(sourcesChangeRateLimitPermits, sourcesChangeRateLimitPeriod);
        if (!sourcesChangeRateLimitEnabled) {
            builder.disableSourcesChangeRateLimit();
        }
        return builder;
    }

    /**
     * Returns the Airbyte application client id.
     *
     * @return the client id, never blank
     */
    public String clientId() {
        return clientId;
    }

    Secret clientSecret() {
        return clientSecret;
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
        return Optional.ofNullable(organizationId);
    }

    /**
     * Returns the origins allowed to host the widget, each in browser serialization (lower case, no
     * default port, no trailing slash).
     *
     * @return an unmodifiable, non-empty list
     */
    public List<String> allowedOrigins() {
        return allowedOrigins.stream().map(Origin::serialized).toList();
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
        return tokenPath;
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
        return foldWorkspaceNameCase;
    }

    /**
     * Returns how long a route waits for a request body to arrive before answering {@code 408
     * request_timeout}. No container thread waits meanwhile when the request is async-supported.
     *
     * @return the timeout, {@link #DEFAULT_BODY_READ_TIMEOUT} unless configured
     * @since 0.2.0
     */
    public Duration bodyReadTimeout() {
        return bodyReadTimeout;
    }

    /**
     * Returns how long before its expiry a cached operator token (or scoped token) is replaced by a fresh one.
     *
     * @return the skew, 60 seconds unless configured
     */
    public Duration operatorTokenRefreshSkew() {
        return operatorTokenRefreshSkew;
    }

    /**
     * Returns the connect timeout of calls to Airbyte.
     *
     * @return the connect timeout
     */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /**
     * Returns the deadline of each call to Airbyte, from sending the request to the last byte of the
     * answer's body (an answer whose body stalls after its headers ends there too).
     *
     * @return the request timeout
     */
    public Duration requestTimeout() {
        return requestTimeout;
    }

    /**
     * Returns the region in which Airbyte creates new workspaces, if configured.
     *
     * @return the region UUID as a string, or empty for Airbyte's default (US)
     */
    public Optional<String> regionId() {
        return Optional.ofNullable(regionId);
    }

    /**
     * Returns the tags that select which connectors the widget offers; empty means all enabled ones.
     *
     * @return an unmodifiable list of tags
     */
    public List<String> sourceTemplateTags() {
        return sourceTemplateTags;
    }

    /**
     * Returns how {@link #sourceTemplateTags()} select connectors.
     *
     * @return the selection mode, {@link TagSelectionMode#ANY} unless configured
     */
    public TagSelectionMode sourceTemplateTagsMode() {
        return sourceTemplateTagsMode;
    }

    /**
     * Returns the tags that select which connection templates apply; empty means all.
     *
     * @return an unmodifiable list of tags
     */
    public List<String> connectionTemplateTags() {
        return connectionTemplateTags;
    }

    /**
     * Returns how {@link #connectionTemplateTags()} select connection templates.
     *
     * @return the selection mode, {@link TagSelectionMode#ANY} unless configured
     */
    public TagSelectionMode connectionTemplateTagsMode() {
        return connectionTemplateTagsMode;
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
     * Returns how many calls to Airbyte may be in flight at once; past that the route answers {@code
     * 503 overloaded} at once.
     *
     * @return the limit, {@value #DEFAULT_MAX_CONCURRENT_UPSTREAM_CALLS} unless configured
     */
    public int maxConcurrentUpstreamCalls() {
        return maxConcurrentUpstreamCalls;
    }

    /**
     * Returns whether each user's token requests are rate limited.
     *
     * @return {@code true} unless {@link Builder#disableRateLimit()} was called
     */
    public boolean rateLimitEnabled() {
        return rateLimitEnabled;
    }

    /**
     * Returns how many widget tokens one user may obtain per {@link #rateLimitPeriod()} when the rate
     * limit is enabled.
     *
     * @return the permits
     */
    public int rateLimitPermits() {
        return rateLimitPermits;
    }

    /**
     * Returns the period over which {@link #rateLimitPermits()} refill.
     *
     * @return the period
     */
    public Duration rateLimitPeriod() {
        return rateLimitPeriod;
    }

    /**
     * Returns how many users' rate-limit state is kept at most; past that the least recently seen
     * users' state is dropped, which only ever gives them a fresh allowance.
     *
     * @return the bound on tracked users
     */
    public int rateLimitMaxTrackedUsers() {
        return rateLimitMaxTrackedUsers;
    }

    /**
     * Returns whether each user's listing of their sources is rate limited.
     *
     * @return {@code true} unless {@link Builder#disableSourcesListRateLimit()} was called
     * @since 0.2.0
     */
    public boolean sourcesListRateLimitEnabled() {
        return sourcesListRateLimitEnabled;
    }

    /**
     * Returns how many times one user may list their sources per {@link #sourcesListRateLimitPeriod()}.
     *
     * @return the permits, {@value #DEFAULT_SOURCES_LIST_RATE_LIMIT_PERMITS} unless configured
     * @since 0.2.0
     */
    public int sourcesListRateLimitPermits() {
        return sourcesListRateLimitPermits;
    }

    /**
     * Returns the period over which {@link #sourcesListRateLimitPermits()} refill.
     *
     * @return the period, one minute unless configured
     * @since 0.2.0
     */
    public Duration sourcesListRateLimitPeriod() {
        return sourcesListRateLimitPeriod;
    }

    /**
     * Returns whether each user's disconnecting of sources and source events are rate limited (one
     * limit for both).
     *
     * @return {@code true} unless {@link Builder#disableSourcesChangeRateLimit()} was called
     * @since 0.2.0
     */
    public boolean sourcesChangeRateLimitEnabled() {
        return sourcesChangeRateLimitEnabled;
    }

    /**
     * Returns how many sources one user may disconnect, and source events they may send, together
     * per {@link #sourcesChangeRateLimitPeriod()}.
     *
     * @return the permits, {@value #DEFAULT_SOURCES_CHANGE_RATE_LIMIT_PERMITS} unless configured
     * @since 0.2.0
     */
    public int sourcesChangeRateLimitPermits() {
        return sourcesChangeRateLimitPermits;
    }

    /**
     * Returns the period over which {@link #sourcesChangeRateLimitPermits()} refill.
     *
     * @return the period, one minute unless configured
     * @since 0.2.0
     */
    public Duration sourcesChangeRateLimitPeriod() {
        return sourcesChangeRateLimitPeriod;
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
        return sourceRoutesEnabled;
    }

    /**
     * Returns the path of the sources routes, relative to the context path.
     *
     * @return the path, {@value #DEFAULT_SOURCES_PATH} unless configured
     */
    public String sourcesPath() {
        return sourcesPath;
    }

    /**
     * Returns the path of the source-events route, relative to the context path.
     *
     * @return the path, {@value #DEFAULT_SOURCE_EVENTS_PATH} unless configured
     */
    public String sourceEventsPath() {
        return sourceEventsPath;
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
        return Optional.ofNullable(widgetPageOrigin).map(Origin::serialized);
    }

    /**
     * Returns whether the pages that render the widget's tags get a {@code Content-Security-Policy}
     * header with what the widget needs (merged into the header the application already set, if any).
     *
     * @return {@code false} unless configured
     */
    public boolean addContentSecurityPolicy() {
        return addContentSecurityPolicy;
    }

    /** Lists the settings; the client secret is printed as {@code [redacted]}. */
    @Override
    public String toString() {
        StringJoiner joiner = new StringJoiner(", ", "AirbyteEmbeddedConfig{", "}");
        joiner.add("clientId=" + clientId);
        joiner.add("clientSecret=" + clientSecret);
        joiner.add("apiBaseUri=" + apiBaseUri);
        if (organizationId != null) {
            joiner.add("organizationId=" + organizationId);
        }
        joiner.add("allowedOrigins=" + allowedOrigins());
        joiner.add("tokenPath=" + tokenPath);
        joiner.add("workspaceResolver=" + workspaceResolver);
        if (foldWorkspaceNameCase) {
            joiner.add("foldWorkspaceNameCase=true");
        }
        joiner.add("operatorTokenRefreshSkew=" + operatorTokenRefreshSkew);
        joiner.add("connectTimeout=" + connectTimeout);
        joiner.add("requestTimeout=" + requestTimeout);
        joiner.add("bodyReadTimeout=" + bodyReadTimeout);
        joiner.add("maxConcurrentUpstreamCalls=" + maxConcurrentUpstreamCalls);
        joiner.add(!rateLimitEnabled ? "rateLimit=off"
                : "rateLimit=" + rateLimitPermits + "/" + rateLimitPeriod + " (max tracked users " + rateLimitMaxTrackedUsers + ")");
        if (regionId != null) {
            joiner.add("regionId=" + regionId);
        }
        joiner.add(sourceRoutesEnabled ? "sourcesPath=" + sourcesPath + ", sourceEventsPath=" + sourceEventsPath : "sourceRoutes=off");
        if (sourceRoutesEnabled) {
            joiner.add("sourcesListRateLimit=" + (sourcesListRateLimitEnabled
                    ? sourcesListRateLimitPermits + "/" + sourcesListRateLimitPeriod : "off"));
            joiner.add("sourcesChangeRateLimit=" + (sourcesChangeRateLimitEnabled
                    ? sourcesChangeRateLimitPermits + "/" + sourcesChangeRateLimitPeriod : "off"));
        }
        if (!sourceTemplateTags.isEmpty()) {
            joiner.add("sourceTemplateTags=" + sourceTemplateTags + " (" + sourceTemplateTagsMode + ")");
        }
        if (!connectionTemplateTags.isEmpty()) {
            joiner.add("connectionTemplateTags=" + connectionTemplateTags + " (" + connectionTemplateTagsMode + ")");
        }
        joiner.add("widgetScript=" + widgetScript);
        if (widgetPageOrigin != null) {
            joiner.add("widgetPageOrigin=" + widgetPageOrigin);
        }
        if (addContentSecurityPolicy) {
            joiner.add("addContentSecurityPolicy=true");
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

        private String clientId;
        private String clientSecret;
        private String apiBaseUri = DEFAULT_API_BASE_URI.toString();
        private String organizationId;
        private final List<String> allowedOrigins = new ArrayList<>();
        private String tokenPath = DEFAULT_TOKEN_PATH;
        private WorkspaceResolver workspaceResolver = WorkspaceResolver.principalName();
        private Duration operatorTokenRefreshSkew = DEFAULT_OPERATOR_TOKEN_REFRESH_SKEW;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
        private String regionId;
        private List<String> sourceTemplateTags = List.of();
        private TagSelectionMode sourceTemplateTagsMode = TagSelectionMode.ANY;
        private List<String> connectionTemplateTags = List.of();
        private TagSelectionMode connectionTemplateTagsMode = TagSelectionMode.ANY;
        private Clock clock = Clock.systemUTC();
        private int maxConcurrentUpstreamCalls = DEFAULT_MAX_CONCURRENT_UPSTREAM_CALLS;
        private boolean rateLimitEnabled = true;
        private int rateLimitPermits = DEFAULT_RATE_LIMIT_PERMITS;
        private Duration rateLimitPeriod = DEFAULT_RATE_LIMIT_PERIOD;
        private int rateLimitMaxTrackedUsers = DEFAULT_RATE_LIMIT_MAX_TRACKED_USERS;
        private boolean sourcesListRateLimitEnabled = true;
        private int sourcesListRateLimitPermits = DEFAULT_SOURCES_LIST_RATE_LIMIT_PERMITS;
        private Duration sourcesListRateLimitPeriod = DEFAULT_RATE_LIMIT_PERIOD;
        private boolean sourcesChangeRateLimitEnabled = true;
        private int sourcesChangeRateLimitPermits = DEFAULT_SOURCES_CHANGE_RATE_LIMIT_PERMITS;
        private Duration sourcesChangeRateLimitPeriod = DEFAULT_RATE_LIMIT_PERIOD;
        private Duration bodyReadTimeout = DEFAULT_BODY_READ_TIMEOUT;
        private boolean foldWorkspaceNameCase;
        private TokenRouteListener listener = TokenRouteListener.NONE;
        private boolean sourceRoutesEnabled = true;
        private String sourcesPath = DEFAULT_SOURCES_PATH;
        private String sourceEventsPath = DEFAULT_SOURCE_EVENTS_PATH;
        private SourceConnectedListener sourceConnectedListener = SourceConnectedListener.NONE;
        private WidgetScript widgetScript;
        private String widgetPageOrigin;
        private boolean addContentSecurityPolicy;

        private Builder() {
        }

        /**
         * Sets the Airbyte application client id (required).
         *
         * @param clientId the client id from Airbyte's "Authentication Module &gt; Installation" page
         * @return this builder
         */
        public Builder clientId(String clientId) {
            this.clientId = Objects.requireNonNull(clientId, "clientId");
            return this;
        }

        /**
         * Sets the Airbyte application client secret (required). Read it from the environment or a
         * secret store; it is never printed.
         *
         * @param clientSecret the client secret
         * @return this builder
         */
        public Builder clientSecret(String clientSecret) {
            this.clientSecret = Objects.requireNonNull(clientSecret, "clientSecret");
            return this;
        }

        /**
         * Sets the base URI of the Airbyte API (default {@code https://api.airbyte.ai}). Must be
         * {@code https}, except on a loopback host, so that a local emulator can be used.
         *
         * @param apiBaseUri an absolute URI such as {@code https://api.airbyte.ai}
         * @return this builder
         */
        public Builder apiBaseUri(String apiBaseUri) {
            this.apiBaseUri = Objects.requireNonNull(apiBaseUri, "apiBaseUri");
            return this;
        }

        /**
         * Sets the base URI of the Airbyte API; see {@link #apiBaseUri(String)}.
         *
         * @param apiBaseUri an absolute URI
         * @return this builder
         */
        public Builder apiBaseUri(URI apiBaseUri) {
            return apiBaseUri(Objects.requireNonNull(apiBaseUri, "apiBaseUri").toString());
        }

        /**
         * Sets the organization id sent as {@code X-Organization-Id}, needed when the Airbyte account
         * belongs to several organizations.
         *
         * @param organizationId a UUID, or {@code null} to send none
         * @return this builder
         */
        public Builder organizationId(String organizationId) {
            this.organizationId = organizationId;
            return this;
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
            allowedOrigins.add(Objects.requireNonNull(origin, "origin"));
            return this;
        }

        /**
         * Replaces the allowed origins; see {@link #allowedOrigin(String)}.
         *
         * @param origins the origins
         * @return this builder
         */
        public Builder allowedOrigins(Collection<String> origins) {
            Objects.requireNonNull(origins, "origins");
            origins.forEach(origin -> Objects.requireNonNull(origin, "origins contains null"));
            allowedOrigins.clear();
            allowedOrigins.addAll(origins);
            return this;
        }

        /**
         * Sets the path of the token route relative to the context path (default {@code
         * /api/airbyte/widget-token}).
         *
         * @param tokenPath a path starting with {@code /}
         * @return this builder
         */
        public Builder tokenPath(String tokenPath) {
            this.tokenPath = Objects.requireNonNull(tokenPath, "tokenPath");
            return this;
        }

        /**
         * Sets how the authenticated user maps to a workspace name (default: the principal's name).
         *
         * @param workspaceResolver the resolver
         * @return this builder
         */
        public Builder workspaceResolver(WorkspaceResolver workspaceResolver) {
            this.workspaceResolver = Objects.requireNonNull(workspaceResolver, "workspaceResolver");
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
            this.foldWorkspaceNameCase = fold;
            return this;
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
            this.bodyReadTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
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
            this.operatorTokenRefreshSkew = Objects.requireNonNull(skew, "skew");
            return this;
        }

        /**
         * Sets the connect timeout of calls to Airbyte (default 5 seconds).
         *
         * @param connectTimeout a positive duration of at most 5 minutes
         * @return this builder
         */
        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
            return this;
        }

        /**
         * Sets the timeout of each call to Airbyte (default 10 seconds).
         *
         * @param requestTimeout a positive duration of at most 5 minutes
         * @return this builder
         */
        public Builder requestTimeout(Duration requestTimeout) {
            this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
            return this;
        }

        /**
         * Sets the region in which Airbyte creates new workspaces (default: Airbyte's, US).
         *
         * @param regionId a region UUID, or {@code null} for Airbyte's default
         * @return this builder
         */
        public Builder regionId(String regionId) {
            this.regionId = regionId;
            return this;
        }

        /**
         * Limits the connectors the widget offers to source templates with the given tags.
         *
         * @param tags the tags; empty for every enabled connector
         * @param mode whether a template needs any or all of the tags
         * @return this builder
         */
        public Builder sourceTemplateTags(Collection<String> tags, TagSelectionMode mode) {
            this.sourceTemplateTags = copyTags(tags);
            this.sourceTemplateTagsMode = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /**
         * Limits the connection templates applied to new sources to those with the given tags.
         *
         * @param tags the tags; empty for every connection template
         * @param mode whether a template needs any or all of the tags
         * @return this builder
         */
        public Builder connectionTemplateTags(Collection<String> tags, TagSelectionMode mode) {
            this.connectionTemplateTags = copyTags(tags);
            this.connectionTemplateTagsMode = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /**
         * Sets the clock used for token expiry (default: the UTC system clock). Tests pass a clock they
         * control instead of sleeping.
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Sets how many calls to Airbyte may be in flight at once (default {@value
         * #DEFAULT_MAX_CONCURRENT_UPSTREAM_CALLS}); past that the route answers {@code 503
         * overloaded} with {@code Retry-After} at once, so a slow Airbyte cannot pile up work.
         *
         * @param limit between 1 and 10000
         * @return this builder
         */
        public Builder maxConcurrentUpstreamCalls(int limit) {
            this.maxConcurrentUpstreamCalls = limit;
            return this;
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
            this.rateLimitEnabled = true;
            this.rateLimitPermits = permits;
            this.rateLimitPeriod = Objects.requireNonNull(period, "period");
            return this;
        }

        /**
         * Turns the per-user rate limit off.
         *
         * @return this builder
         */
        public Builder disableRateLimit() {
            this.rateLimitEnabled = false;
            return this;
        }

        /**
         * Bounds the memory of the rate limiter to this many users (default {@value
         * #DEFAULT_RATE_LIMIT_MAX_TRACKED_USERS}); the least recently seen are forgotten first.
         *
         * @param maxTrackedUsers between 1 and 10000000
         * @return this builder
         */
        public Builder rateLimitMaxTrackedUsers(int maxTrackedUsers) {
            this.rateLimitMaxTrackedUsers = maxTrackedUsers;
            return this;
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
            this.sourcesListRateLimitEnabled = true;
            this.sourcesListRateLimitPermits = permits;
            this.sourcesListRateLimitPeriod = Objects.requireNonNull(period, "period");
            return this;
        }

        /**
         * Turns the per-user rate limit of listing sources off.
         *
         * @return this builder
         * @since 0.2.0
         */
        public Builder disableSourcesListRateLimit() {
            this.sourcesListRateLimitEnabled = false;
            return this;
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
            this.sourcesChangeRateLimitEnabled = true;
            this.sourcesChangeRateLimitPermits = permits;
            this.sourcesChangeRateLimitPeriod = Objects.requireNonNull(period, "period");
            return this;
        }

        /**
         * Turns the per-user rate limit of disconnecting sources and of source events off.
         *
         * @return this builder
         * @since 0.2.0
         */
        public Builder disableSourcesChangeRateLimit() {
            this.sourcesChangeRateLimitEnabled = false;
            return this;
        }

        /**
         * Sets a listener told about every outcome of the route and every call to Airbyte, for
         * metrics (the Spring Boot layer publishes them through Micrometer).
         *
         * @param listener the listener; it must be fast and must not throw
         * @return this builder
         */
        public Builder listener(TokenRouteListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
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
            this.sourceRoutesEnabled = enabled;
            return this;
        }

        /**
         * Sets the widget's {@code <script>} that the page side renders (default {@link
         * WidgetScript#defaults()}: version 0.4.5 from jsDelivr, without integrity).
         *
         * @param widgetScript the pinned widget script
         * @return this builder
         */
        public Builder widgetScript(WidgetScript widgetScript) {
            this.widgetScript = Objects.requireNonNull(widgetScript, "widgetScript");
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
            this.sourcesPath = Objects.requireNonNull(path, "path");
            return this;
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
            this.widgetPageOrigin = origin;
            return this;
        }

        /**
         * Sets the path of the source-events route relative to the context path (default {@value
         * #DEFAULT_SOURCE_EVENTS_PATH}).
         *
         * @param path a path starting with {@code /}
         * @return this builder
         */
        public Builder sourceEventsPath(String path) {
            this.sourceEventsPath = Objects.requireNonNull(path, "path");
            return this;
        }

        /**
         * Sets the listener told about sources users connected, once Airbyte confirmed them.
         *
         * @param listener the listener
         * @return this builder
         */
        public Builder sourceConnectedListener(SourceConnectedListener listener) {
            this.sourceConnectedListener = Objects.requireNonNull(listener, "listener");
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
            this.addContentSecurityPolicy = add;
            return this;
        }

        /**
         * Validates the settings and builds the configuration.
         *
         * @return a new immutable configuration
         * @throws AirbyteEmbeddedConfigException if a required setting is missing or a value is
         *     invalid; {@link AirbyteEmbeddedConfigException#setting()} names it
         */
        public AirbyteEmbeddedConfig build() {
            if (clientId == null || clientId.isBlank()) {
                throw new AirbyteEmbeddedConfigException("client-id",
                        "is required: set the Airbyte application client id");
            }
            if (clientSecret == null || clientSecret.isBlank()) {
                throw new AirbyteEmbeddedConfigException("client-secret",
                        "is required: set the Airbyte application client secret (from the environment, not from source code)");
            }
            URI base = validateApiBaseUri(apiBaseUri);
            validateUuid("organization-id", organizationId);
            List<Origin> origins = validateOrigins(allowedOrigins);
            validatePath("token-path", tokenPath, DEFAULT_TOKEN_PATH);
            validatePath("sources-path", sourcesPath, DEFAULT_SOURCES_PATH);
            validatePath("source-events-path", sourceEventsPath, DEFAULT_SOURCE_EVENTS_PATH);
            if (sourceRoutesEnabled && (tokenPath.equals(sourcesPath) || tokenPath.equals(sourceEventsPath)
                    || sourcesPath.equals(sourceEventsPath) || sourceEventsPath.startsWith(sourcesPath + "/")
                    || tokenPath.startsWith(sourcesPath + "/"))) {
                throw new AirbyteEmbeddedConfigException("sources-path",
                        "the token, sources and source-events paths must be distinct, and none may lie under the sources path");
            }
            if (operatorTokenRefreshSkew.isNegative() || operatorTokenRefreshSkew.compareTo(MAX_REFRESH_SKEW) > 0) {
                throw new AirbyteEmbeddedConfigException("operator-token-refresh-skew",
                        "must be between 0 and " + MAX_REFRESH_SKEW.toMinutes() + " minutes, was " + operatorTokenRefreshSkew);
            }
            validateTimeout("connect-timeout", connectTimeout);
            validateTimeout("request-timeout", requestTimeout);
            validateTimeout("body-read-timeout", bodyReadTimeout);
            validateUuid("region-id", regionId);
            if (maxConcurrentUpstreamCalls < 1 || maxConcurrentUpstreamCalls > 10_000) {
                throw new AirbyteEmbeddedConfigException("max-concurrent-upstream-calls",
                        "must be between 1 and 10000, was " + maxConcurrentUpstreamCalls);
            }
            validateRateLimit("rate-limit", rateLimitEnabled, rateLimitPermits, rateLimitPeriod);
            validateRateLimit("sources-list-rate-limit", sourcesListRateLimitEnabled, sourcesListRateLimitPermits,
                    sourcesListRateLimitPeriod);
            validateRateLimit("sources-change-rate-limit", sourcesChangeRateLimitEnabled, sourcesChangeRateLimitPermits,
                    sourcesChangeRateLimitPeriod);
            if (rateLimitMaxTrackedUsers < 1 || rateLimitMaxTrackedUsers > 10_000_000) {
                throw new AirbyteEmbeddedConfigException("rate-limit-max-tracked-users",
                        "must be between 1 and 10000000, was " + rateLimitMaxTrackedUsers);
            }
            return new AirbyteEmbeddedConfig(this, origins, base);
        }

        private static List<String> copyTags(Collection<String> tags) {
            Objects.requireNonNull(tags, "tags");
            Set<String> copy = new LinkedHashSet<>();
            for (String tag : tags) {
                Objects.requireNonNull(tag, "tags contains null");
                if (!tag.isBlank()) {
                    copy.add(tag.strip());
                }
            }
            return List.copyOf(copy);
        }

        private static URI validateApiBaseUri(String value) {
            URI uri;
            try {
                uri = new URI(value.strip());
            } catch (URISyntaxException e) {
                throw new AirbyteEmbeddedConfigException("api-base-url", "'" + value + "' is not a valid URI");
            }
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!uri.isAbsolute() || uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
                throw new AirbyteEmbeddedConfigException("api-base-url",
                        "'" + value + "' must be an absolute https URL such as " + DEFAULT_API_BASE_URI);
            }
            if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
                throw new AirbyteEmbeddedConfigException("api-base-url",
                        "must not have user info, a query or a fragment");
            }
            if (scheme.equals("http") && !isLoopback(uri.getHost())) {
                throw new AirbyteEmbeddedConfigException("api-base-url",
                        "'" + value + "' uses http; only https is allowed, except on a loopback host (a local emulator)");
            }
            String text = uri.toString();
            while (text.endsWith("/")) {
                text = text.substring(0, text.length() - 1);
            }
            return URI.create(text);
        }

        private static boolean isLoopback(String host) {
            if (host.equalsIgnoreCase("localhost")) {
                return true;
            }
            String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
            if (!bare.matches("[0-9.]+") && !bare.contains(":")) {
                return false; // a name other than localhost: never resolve it here
            }
            try {
                return InetAddress.getByName(bare).isLoopbackAddress();
            } catch (UnknownHostException e) {
                return false;
            }
        }

        private static List<Origin> validateOrigins(List<String> values) {
            if (values.isEmpty()) {
                throw new AirbyteEmbeddedConfigException("allowed-origins",
                        "is required: list the origins of the pages that host the widget, such as https://app.example.com");
            }
            Set<Origin> origins = new LinkedHashSet<>();
            for (String value : values) {
                try {
                    origins.add(Origin.parseConfigured(value));
                } catch (IllegalArgumentException e) {
                    throw new AirbyteEmbeddedConfigException("allowed-origins", e.getMessage());
                }
            }
            return new ArrayList<>(origins);
        }

        private static void validatePath(String setting, String path, String example) {
            if (!path.startsWith("/") || path.length() < 2 || path.endsWith("/")) {
                throw new AirbyteEmbeddedConfigException(setting,
                        "'" + path + "' must start with '/', name a path and not end with '/', such as " + example);
            }
            for (char c : path.toCharArray()) {
                if (c <= ' ' || c == '?' || c == '#' || c == ';' || c == '*' || c == '%' || c == '\\' || c >= 0x7f) {
                    throw new AirbyteEmbeddedConfigException(setting,
                            "'" + path + "' must be a plain path without spaces, wildcards, '?', '#', ';', '%' or '\\'");
                }
            }
            if (path.contains("//") || path.contains("/./") || path.contains("/../") || path.endsWith("/.") || path.endsWith("/..")) {
                throw new AirbyteEmbeddedConfigException(setting, "'" + path + "' must be a normalised path");
            }
        }

        private static void validateRateLimit(String setting, boolean enabled, int permits, Duration period) {
            if (!enabled) {
                return;
            }
            if (permits < 1 || permits > 1_000_000) {
                throw new AirbyteEmbeddedConfigException(setting, "permits must be between 1 and 1000000, was " + permits);
            }
            if (period.compareTo(Duration.ofSeconds(1)) < 0 || period.compareTo(Duration.ofDays(1)) > 0) {
                throw new AirbyteEmbeddedConfigException(setting, "the period must be between 1 second and 1 day, was " + period);
            }
        }

        private static void validateTimeout(String setting, Duration timeout) {
            if (timeout.isZero() || timeout.isNegative() || timeout.compareTo(MAX_TIMEOUT) > 0) {
                throw new AirbyteEmbeddedConfigException(setting,
                        "must be positive and at most " + MAX_TIMEOUT.toMinutes() + " minutes, was " + timeout);
            }
        }

        private static void validateUuid(String setting, String value) {
            if (value == null) {
                return;
            }
            if (!UUID_PATTERN.matcher(value).matches()) {
                throw new AirbyteEmbeddedConfigException(setting, "'" + value + "' is not a UUID");
            }
        }
    }
}
