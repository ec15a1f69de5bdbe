package io.github.airbyteembedded.servlet.internal.settings;

import static io.github.airbyteembedded.servlet.AirbyteEmbeddedConfig.DEFAULT_BODY_READ_TIMEOUT;
import static io.github.airbyteembedded.servlet.AirbyteEmbeddedConfig.DEFAULT_CONNECT_TIMEOUT;
import static io.github.airbyteembedded.servlet.AirbyteEmbeddedConfig.DEFAULT_RATE_LIMIT_PERIOD;

import io.github.airbyteembedded.servlet.AirbyteEmbeddedConfig;
import io.github.airbyteembedded.servlet.AirbyteEmbeddedConfig.Builder;
import io.github.airbyteembedded.servlet.TagSelectionMode;
import io.github.airbyteembedded.servlet.WidgetScript;
import io.github.airbyteembedded.servlet.WorkspaceResolver;
import io.github.airbyteembedded.servlet.internal.upstream.Secret;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The table of the settings of Airbyte Embedded: each setting declared once, in the order the
 * documentation lists them and the configuration's builder checks them. The web.xml reader, the
 * plugin, the Spring Boot binding, the failure analyzer and the settings reference (docs/settings.md) all read
 * this table; adding a setting is a line here and a method on the builder.
 */
public final class Settings {

    // Where Airbyte is, and who this application is.

    public static final Setting<String> CLIENT_ID = Setting.<String>of("client-id", String.class, (key, text) -> text,
                    "Airbyte application client id.")
            .kind(Setting.Kind.VALUE_OR_ENVIRONMENT).describedDefault("required").replacedByEmulator()
            .config("clientId(String)", Builder::clientId)
            .checked(key -> Checks.required(key, "is required: set the Airbyte application client id"));

    public static final Setting<Secret> CLIENT_SECRET = Setting.<Secret>of("client-secret", Secret.class,
                    (key, text) -> Secret.of(text),
                    "Airbyte application client secret; from the environment, never written in a committed file. Never logged.")
            .kind(Setting.Kind.SECRET).describedDefault("required").replacedByEmulator()
            .config("clientSecret(String)", (builder, secret) -> builder.clientSecret(secret.reveal()))
            .checked(key -> Checks.requiredSecret(key,
                    "is required: set the Airbyte application client secret (from the environment, not from source code)"));

    public static final Setting<String> API_BASE_URL = Setting.<String>of("api-base-url", String.class, (key, text) -> text,
                    "Base URL of the Airbyte API: `https`, or `http` on a loopback host (the emulator); a trailing `/api/v1`"
                            + " is dropped, with a warning.")
            .byDefault(AirbyteEmbeddedConfig.DEFAULT_API_BASE_URI.toString()).replacedByEmulator()
            .config("apiBaseUri(String)", Builder::apiBaseUri).checked(Checks::apiBaseUrl);

    public static final Setting<String> ORGANIZATION_ID = Setting.<String>of("organization-id", String.class, (key, text) -> text,
                    "Organization UUID sent as `X-Organization-Id`; needed when the account belongs to several organizations.")
            .config("organizationId(String)", Builder::organizationId).checked(Checks::uuid);

    public static final Setting<List<String>> ALLOWED_ORIGINS = Setting.<List<String>>of("allowed-origins", List.class,
                    (key, text) -> Parsers.list(text),
                    "Origins allowed to host the widget, comma-separated, `scheme://host[:port]` exactly as browsers send"
                            + " `Origin`: no path, trailing slash or wildcard.")
            .byDefault(List.of()).describedDefault("required")
            .config("allowedOrigins(Collection)", Builder::allowedOrigins).checked(Checks::origins);

    // The routes.

    public static final Setting<String> TOKEN_PATH = Setting.<String>of("token-path", String.class, (key, text) -> text,
                    "Path of the token route, relative to the context path.")
            .byDefault(AirbyteEmbeddedConfig.DEFAULT_TOKEN_PATH)
            .config("tokenPath(String)", Builder::tokenPath)
            .checked(key -> Checks.path(key, AirbyteEmbeddedConfig.DEFAULT_TOKEN_PATH));

    public static final Setting<Boolean> SOURCE_ROUTES = Setting.<Boolean>of("source-routes", Boolean.class, Parsers::bool,
                    "Whether the filter serves the sources routes beside the token route.")
            .aliases("sources.enabled").byDefault(true)
            .config("sourceRoutes(boolean)", Builder::sourceRoutes);

    public static final Setting<String> SOURCES_PATH = Setting.<String>of("sources-path", String.class, (key, text) -> text,
                    "Path of the sources routes: `GET` lists the user's sources, `DELETE <path>/{id}` disconnects one.")
            .aliases("sources.path").byDefault(AirbyteEmbeddedConfig.DEFAULT_SOURCES_PATH)
            .config("sourcesPath(String)", Builder::sourcesPath)
            .checked(key -> Checks.path(key, AirbyteEmbeddedConfig.DEFAULT_SOURCES_PATH));

    public static final Setting<String> SOURCE_EVENTS_PATH = Setting.<String>of("source-events-path", String.class,
                    (key, text) -> text,
                    "Path of the route that confirms a source the widget reported as created, once per (workspace, source).")
            .aliases("sources.events-path").byDefault(AirbyteEmbeddedConfig.DEFAULT_SOURCE_EVENTS_PATH)
            .config("sourceEventsPath(String)", Builder::sourceEventsPath)
            .checked(key -> Checks.path(key, AirbyteEmbeddedConfig.DEFAULT_SOURCE_EVENTS_PATH));

    // Who the user is.

    public static final Setting<WorkspaceResolver> WORKSPACE_RESOLVER = Setting.<WorkspaceResolver>of("workspace-resolver",
                    WorkspaceResolver.class, Parsers::resolverClass,
                    "Class name of a `WorkspaceResolver` with a public no-argument constructor; see workspace resolvers.")
            .describedDefault("the principal's name").applied("workspaceResolver(WorkspaceResolver)");

    public static final Setting<String> WORKSPACE_REQUEST_ATTRIBUTE = Setting.<String>of("workspace-request-attribute",
                    String.class, (key, text) -> text,
                    "Request attribute, set by your own authentication filter, that holds the workspace name.")
            .aliases("workspace.request-attribute").applied("WorkspaceResolver.requestAttribute(String)");

    public static final Setting<Secret> WORKSPACE_PSEUDONYM_KEY = Setting.<Secret>of("workspace-pseudonym-key", Secret.class,
                    (key, text) -> Secret.of(text),
                    "Secret key (at least 32 bytes) with which workspace names become keyed pseudonyms (HMAC-SHA256); keep it"
                            + " stable.")
            .aliases("workspace.pseudonym-key").kind(Setting.Kind.SECRET).applied("pseudonymized(key, prefix) on a resolver");

    public static final Setting<String> WORKSPACE_PSEUDONYM_PREFIX = Setting.<String>of("workspace-pseudonym-prefix",
                    String.class, (key, text) -> text,
                    "Prefix of every pseudonymous workspace name (at most 64 characters).")
            .aliases("workspace.pseudonym-prefix").applied("pseudonymized(key, prefix) on a resolver");

    public static final Setting<Boolean> WORKSPACE_FOLD_CASE = Setting.<Boolean>of("workspace-fold-case", Boolean.class,
                    Parsers::bool,
                    "Whether workspace names are case folded (`Alice` and `alice` are one workspace), before a pseudonym is made.")
            .aliases("workspace.fold-case").byDefault(false)
            .config("foldWorkspaceNameCase(boolean)", Builder::foldWorkspaceNameCase);

    // Calls to Airbyte.

    public static final Setting<Duration> OPERATOR_TOKEN_REFRESH_SKEW = Setting.<Duration>of("operator-token-refresh-skew",
                    Duration.class, Durations::parse,
                    "How long before its expiry the operator token (and a workspace's scoped token) is replaced, 0 to 10"
                            + " minutes.")
            .byDefault(AirbyteEmbeddedConfig.DEFAULT_OPERATOR_TOKEN_REFRESH_SKEW)
            .config("operatorTokenRefreshSkew(Duration)", Builder::operatorTokenRefreshSkew)
            .checked(key -> Checks.atMost(key, Duration.ofMinutes(10)));

    public static final Setting<Duration> CONNECT_TIMEOUT = Setting.<Duration>of("connect-timeout", Duration.class,
                    Durations::parse, "Connect timeout of calls to Airbyte.")
            .byDefault(DEFAULT_CONNECT_TIMEOUT)
            .config("connectTimeout(Duration)", Builder::connectTimeout).checked(Checks::timeout);

    public static final Setting<Duration> REQUEST_TIMEOUT = Setting.<Duration>of("request-timeout", Duration.class,
                    Durations::parse,
                    "Deadline of each call to Airbyte, from sending it to the last byte of the answer's body.")
            .byDefault(AirbyteEmbeddedConfig.DEFAULT_REQUEST_TIMEOUT)
            .config("requestTimeout(Duration)", Builder::requestTimeout).checked(Checks::timeout);

    public static final Setting<Duration> BODY_READ_TIMEOUT = Setting.<Duration>of("body-read-timeout", Duration.class,
                    Durations::parse,
                    "How long a route waits for a request body before `408 request_timeout`; no container thread waits.")
            .byDefault(DEFAULT_BODY_READ_TIMEOUT)
            .config("bodyReadTimeout(Duration)", Builder::bodyReadTimeout).checked(Checks::timeout);

    public static final Setting<String> REGION_ID = Setting.<String>of("region-id", String.class, (key, text) -> text,
                    "Region UUID of new workspaces; Airbyte's default (US) when unset.")
            .config("regionId(String)", Builder::regionId).checked(Checks::uuid);

    public static final Setting<List<String>> SOURCE_TEMPLATE_TAGS = Setting.<List<String>>of("source-template-tags",
                    List.class, (key, text) -> Parsers.list(text),
                    "Tags selecting the connectors the widget offers, comma-separated; all enabled connectors when unset.")
            .byDefault(List.of()).applied("sourceTemplateTags(tags, mode)");

    public static final Setting<TagSelectionMode> SOURCE_TEMPLATE_TAGS_MODE = Setting.<TagSelectionMode>of(
                    "source-template-tags-mode", TagSelectionMode.class, Parsers::mode,
                    "`any` or `all`: whether a connector needs any or all of those tags.")
            .byDefault(TagSelectionMode.ANY).applied("sourceTemplateTags(tags, mode)");

    public static final Setting<List<String>> CONNECTION_TEMPLATE_TAGS = Setting.<List<String>>of("connection-template-tags",
                    List.class, (key, text) -> Parsers.list(text),
                    "Tags selecting the connection templates applied to new sources, comma-separated; all when unset.")
            .byDefault(List.of()).applied("connectionTemplateTags(tags, mode)");

    public static final Setting<TagSelectionMode> CONNECTION_TEMPLATE_TAGS_MODE = Setting.<TagSelectionMode>of(
                    "connection-template-tags-mode", TagSelectionMode.class, Parsers::mode,
                    "`any` or `all`, as above for connection templates.")
            .byDefault(TagSelectionMode.ANY).applied("connectionTemplateTags(tags, mode)");

    public static final Setting<Integer> MAX_CONCURRENT_UPSTREAM_CALLS = Setting.<Integer>of("max-concurrent-upstream-calls",
                    Integer.class, Parsers::integer,
                    "Calls to Airbyte in flight at once (1 to 10000); past that requests wait their turn in a queue.")
            .byDefault(AirbyteEmbeddedConfig.DEFAULT_MAX_CONCURRENT_UPSTREAM_CALLS)
            .config("maxConcurrentUpstreamCalls(int)", Builder::maxConcurrentUpstreamCalls)
            .checked(key -> Checks.between(key, 1, 10_000));

    public static final Setting<Integer> MAX_QUEUED_UPSTREAM_CALLS = Setting.<Integer>of("max-queued-upstream-calls",
                    Integer.class, Parsers::integer,
                    "Requests that may wait, holding no container thread, for a call to Airbyte to end (0 to 100000; 0: no"
                            + " queue); past that the routes answer `503 overloaded` at once.")
            .byDefault(AirbyteEmbeddedConfig.DEFAULT_MAX_QUEUED_UPSTREAM_CALLS)
            .config("maxQueuedUpstreamCalls(int)", Builder::maxQueuedUpstreamCalls)
            .checked(key -> Checks.between(key, 0, 100_000));

    public static final Setting<Duration> MAX_QUEUE_WAIT = Setting.<Duration>of("max-queue-wait", Duration.class,
                    Durations::parse,
                    "How long a request may wait in that queue before `503 overloaded` with `Retry-After`.")
            .byDefault(AirbyteEmbeddedConfig.DEFAULT_MAX_QUEUE_WAIT)
            .config("maxQueueWait(Duration)", Builder::maxQueueWait).checked(Checks::timeout);

    // Per-user rate limits.

    private static final RateLimit TOKENS = RateLimit.of(AirbyteEmbeddedConfig.DEFAULT_RATE_LIMIT_PERMITS, DEFAULT_RATE_LIMIT_PERIOD);
    private static final RateLimit LISTINGS =
            RateLimit.of(AirbyteEmbeddedConfig.DEFAULT_SOURCES_LIST_RATE_LIMIT_PERMITS, DEFAULT_RATE_LIMIT_PERIOD);
    private static final RateLimit CHANGES =
            RateLimit.of(AirbyteEmbeddedConfig.DEFAULT_SOURCES_CHANGE_RATE_LIMIT_PERMITS, DEFAULT_RATE_LIMIT_PERIOD);

    public static final Setting<RateLimit> RATE_LIMIT = Setting.<RateLimit>of("rate-limit", RateLimit.class,
                    (key, text) -> RateLimit.parse(key, text, TOKENS),
                    "Widget tokens per user, `permits/period` (permits 1 to 1000000, period 1 second to 1 day) or `off`.")
            .byDefault(TOKENS)
            .config("rateLimit(permits, period)` / `disableRateLimit()", limit(Builder::rateLimit, Builder::disableRateLimit))
            .checked(Checks::rateLimit);

    public static final Setting<RateLimit> SOURCES_LIST_RATE_LIMIT = Setting.<RateLimit>of("sources-list-rate-limit",
                    RateLimit.class, (key, text) -> RateLimit.parse(key, text, LISTINGS),
                    "Source listings per user, `permits/period` or `off`.")
            .aliases("sources.list-rate-limit").byDefault(LISTINGS)
            .config("sourcesListRateLimit(permits, period)` / `disableSourcesListRateLimit()",
                    limit(Builder::sourcesListRateLimit, Builder::disableSourcesListRateLimit))
            .checked(Checks::rateLimit);

    public static final Setting<RateLimit> SOURCES_CHANGE_RATE_LIMIT = Setting.<RateLimit>of("sources-change-rate-limit",
                    RateLimit.class, (key, text) -> RateLimit.parse(key, text, CHANGES),
                    "Source disconnections and source events per user, together, `permits/period` or `off`.")
            .aliases("sources.change-rate-limit").byDefault(CHANGES)
            .config("sourcesChangeRateLimit(permits, period)` / `disableSourcesChangeRateLimit()",
                    limit(Builder::sourcesChangeRateLimit, Builder::disableSourcesChangeRateLimit))
            .checked(Checks::rateLimit);

    public static final Setting<Integer> RATE_LIMIT_MAX_TRACKED_USERS = Setting.<Integer>of("rate-limit-max-tracked-users",
                    Integer.class, Parsers::integer,
                    "Users whose state each rate limit keeps (1 to 10000000); the least recently seen are forgotten first.")
            .aliases("rate-limit.max-tracked-users").byDefault(AirbyteEmbeddedConfig.DEFAULT_RATE_LIMIT_MAX_TRACKED_USERS)
            .config("rateLimitMaxTrackedUsers(int)", Builder::rateLimitMaxTrackedUsers)
            .checked(key -> Checks.between(key, 1, 10_000_000));

    // Where the rate limits are kept: each instance's memory, or a store shared by every instance.

    public static final Setting<RateLimitStoreKind> RATE_LIMIT_STORE = Setting.<RateLimitStoreKind>of("rate-limit-store",
                    RateLimitStoreKind.class, RateLimitStoreKind::parse,
                    "`memory` (each instance limits on its own) or `redis`: the per-user rate limits and the record of"
                            + " confirmed sources are shared by every instance through Redis (needs `airbyte-embedded-redis`).")
            .byDefault(RateLimitStoreKind.MEMORY).applied("rateLimitStore(RateLimitStore)");

    public static final Setting<Secret> RATE_LIMIT_STORE_URI = Setting.<Secret>of("rate-limit-store-uri", Secret.class,
                    (key, text) -> Secret.of(text),
                    "Redis URI of the shared store (`redis://` or `rediss://`, with its password), for `rate-limit-store=redis`;"
                            + " Spring Boot uses the application's own Redis connection when it has one. Never logged.")
            .kind(Setting.Kind.SECRET).applied("RedisRateLimitStore.create(uri)");

    public static final Setting<Duration> RATE_LIMIT_STORE_TIMEOUT = Setting.<Duration>of("rate-limit-store-timeout",
                    Duration.class, Durations::parse,
                    "How long a route waits for the shared store (1 ms to 10 s) before treating it as unavailable.")
            .byDefault(AirbyteEmbeddedConfig.DEFAULT_RATE_LIMIT_STORE_TIMEOUT)
            .config("rateLimitStoreTimeout(Duration)", Builder::rateLimitStoreTimeout)
            .checked(key -> Checks.between(key, Duration.ofMillis(1), Duration.ofSeconds(10)));

    public static final Setting<Boolean> RATE_LIMIT_STORE_FAIL_OPEN = Setting.<Boolean>of("rate-limit-store-fail-open",
                    Boolean.class, Parsers::bool,
                    "Whether requests are served without the limits while the shared store is unavailable (one WARNING per"
                            + " outage, counted), rather than refused with `503 rate_limit_store_unavailable`.")
            .byDefault(true).config("rateLimitStoreFailOpen(boolean)", Builder::rateLimitStoreFailOpen);

    // The page side.

    public static final Setting<String> WIDGET_VERSION = Setting.<String>of("widget-version", String.class, (key, text) -> text,
                    "Exact version of the vendor's widget script; ranges and tags such as `latest` are refused.")
            .aliases("widget.version").byDefault(WidgetScript.DEFAULT_VERSION)
            .script("widgetScript(WidgetScript.builder().version(..))", WidgetScript.Builder::version);

    public static final Setting<String> WIDGET_CDN_BASE = Setting.<String>of("widget-cdn-base", String.class, (key, text) -> text,
                    "Where the widget script is loaded from: a jsDelivr-shaped base (https, or http on loopback), or a path"
                            + " starting with `/` for a copy the application serves.")
            .aliases("widget.cdn-base").byDefault(WidgetScript.DEFAULT_CDN_BASE).replacedByEmulator()
            .script("widgetScript(WidgetScript.builder().cdnBase(..))", WidgetScript.Builder::cdnBase);

    public static final Setting<String> WIDGET_INTEGRITY = Setting.<String>of("widget-integrity", String.class,
                    (key, text) -> text,
                    "Subresource Integrity of the widget script (`sha384-...`), `compute` (a self-hosted or emulator copy), or"
                            + " `none`.")
            .aliases("widget.integrity").describedDefault("none, with a startup warning").replacedByEmulator()
            .script("widgetScript(WidgetScript.builder().integrity(..))", Settings::integrity);

    public static final Setting<String> WIDGET_STYLE_HASH = Setting.<String>of("widget-style-hash", String.class,
                    (key, text) -> text,
                    "CSP hash of the style the widget injects, or `unsafe-inline`.")
            .aliases("widget.style-hash").describedDefault("the vendor's hash for 0.4.5").replacedByEmulator()
            .script("widgetScript(WidgetScript.builder().styleHash(..))", Settings::styleHash);

    public static final Setting<String> WIDGET_PAGE_ORIGIN = Setting.<String>of("widget-page-origin", String.class,
                    (key, text) -> text,
                    "Origin of the widget's iframe page, for the CSP `frame-src`.")
            .aliases("widget.page-origin").describedDefault("learned from the widget tokens")
            .config("widgetPageOrigin(String)", Builder::widgetPageOrigin).checked(Checks::optionalOrigin);

    public static final Setting<Boolean> ADD_CONTENT_SECURITY_POLICY = Setting.<Boolean>of("add-content-security-policy",
                    Boolean.class, Parsers::bool,
                    "Whether pages that render the widget's tags get a `Content-Security-Policy` header with what the widget"
                            + " needs, merged into the application's own.")
            .byDefault(false).config("addContentSecurityPolicy(boolean)", Builder::addContentSecurityPolicy);

    // Development.

    public static final Setting<Boolean> EMULATOR = Setting.<Boolean>of("emulator", Boolean.class, Parsers::bool,
                    "Development only: start the testkit's emulator in the application (the testkit must be on its class"
                            + " path) and use it instead of Airbyte; the settings that point at Airbyte are then ignored.")
            .aliases("emulator.enabled").byDefault(false);

    /** Every setting, in the table's order. */
    public static final List<Setting<?>> ALL = List.of(CLIENT_ID, CLIENT_SECRET, API_BASE_URL, ORGANIZATION_ID,
            ALLOWED_ORIGINS, TOKEN_PATH, SOURCE_ROUTES, SOURCES_PATH, SOURCE_EVENTS_PATH, WORKSPACE_RESOLVER,
            WORKSPACE_REQUEST_ATTRIBUTE, WORKSPACE_PSEUDONYM_KEY, WORKSPACE_PSEUDONYM_PREFIX, WORKSPACE_FOLD_CASE,
            OPERATOR_TOKEN_REFRESH_SKEW, CONNECT_TIMEOUT, REQUEST_TIMEOUT, BODY_READ_TIMEOUT, REGION_ID, SOURCE_TEMPLATE_TAGS,
            SOURCE_TEMPLATE_TAGS_MODE, CONNECTION_TEMPLATE_TAGS, CONNECTION_TEMPLATE_TAGS_MODE, MAX_CONCURRENT_UPSTREAM_CALLS,
            MAX_QUEUED_UPSTREAM_CALLS, MAX_QUEUE_WAIT,
            RATE_LIMIT, SOURCES_LIST_RATE_LIMIT, SOURCES_CHANGE_RATE_LIMIT, RATE_LIMIT_MAX_TRACKED_USERS, RATE_LIMIT_STORE,
            RATE_LIMIT_STORE_URI, RATE_LIMIT_STORE_TIMEOUT, RATE_LIMIT_STORE_FAIL_OPEN, WIDGET_VERSION,
            WIDGET_CDN_BASE, WIDGET_INTEGRITY, WIDGET_STYLE_HASH, WIDGET_PAGE_ORIGIN, ADD_CONTENT_SECURITY_POLICY, EMULATOR);

    /** The settings the configuration holds (the rest go to the widget script, the resolver or the emulator). */
    public static final List<Setting<?>> CONFIG = List.of(CLIENT_ID, CLIENT_SECRET, API_BASE_URL, ORGANIZATION_ID,
            ALLOWED_ORIGINS, TOKEN_PATH, SOURCE_ROUTES, SOURCES_PATH, SOURCE_EVENTS_PATH, WORKSPACE_FOLD_CASE,
            OPERATOR_TOKEN_REFRESH_SKEW, CONNECT_TIMEOUT, REQUEST_TIMEOUT, BODY_READ_TIMEOUT, REGION_ID, SOURCE_TEMPLATE_TAGS,
            SOURCE_TEMPLATE_TAGS_MODE, CONNECTION_TEMPLATE_TAGS, CONNECTION_TEMPLATE_TAGS_MODE, MAX_CONCURRENT_UPSTREAM_CALLS,
            MAX_QUEUED_UPSTREAM_CALLS, MAX_QUEUE_WAIT,
            RATE_LIMIT, SOURCES_LIST_RATE_LIMIT, SOURCES_CHANGE_RATE_LIMIT, RATE_LIMIT_MAX_TRACKED_USERS, RATE_LIMIT_STORE_TIMEOUT,
            RATE_LIMIT_STORE_FAIL_OPEN, WIDGET_PAGE_ORIGIN, ADD_CONTENT_SECURITY_POLICY);

    private static final Map<String, Setting<?>> BY_NAME = ALL.stream().flatMap(setting -> java.util.stream.Stream.concat(
            java.util.stream.Stream.of(Map.entry(setting.key(), setting)),
            setting.aliases().stream().map(alias -> Map.entry(alias, setting))))
            .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));

    private Settings() {
    }

    /**
     * Finds a setting by its key or one of its older names.
     *
     * @return the setting, or empty for a name of no setting
     */
    public static Optional<Setting<?>> named(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    /**
     * Applies the values that were given (and no others) to the builders, in the table's order; the
     * workspace resolver is composed by the reader ({@link WorkspaceSettings}).
     */
    public static void apply(Values values, Setting.Target target) {
        for (Setting<?> setting : ALL) {
            applyOne(setting, values, target);
        }
        if (values.has(SOURCE_TEMPLATE_TAGS)) {
            target.config().sourceTemplateTags(values.get(SOURCE_TEMPLATE_TAGS), values.getOrDefault(SOURCE_TEMPLATE_TAGS_MODE));
        }
        if (values.has(CONNECTION_TEMPLATE_TAGS)) {
            target.config().connectionTemplateTags(values.get(CONNECTION_TEMPLATE_TAGS),
                    values.getOrDefault(CONNECTION_TEMPLATE_TAGS_MODE));
        }
    }

    private static <T> void applyOne(Setting<T> setting, Values values, Setting.Target target) {
        if (values.has(setting)) {
            setting.apply(target, values.get(setting));
        }
    }

    /** A setting's value for {@code toString()}: {@code requestTimeout=10s}; a secret prints as {@code [redacted]}. */
    public static String describe(Setting<?> setting, Values values) {
        return setting.camelCase() + "=" + format(values.get(setting));
    }

    /** A value as the documentation shows it: durations with a unit ({@code 10s}, {@code 1m}), modes in lower case. */
    public static String format(Object value) {
        if (value instanceof Duration duration) {
            if (duration.toMillis() % 1000 != 0) {
                return duration.toMillis() + "ms";
            }
            long seconds = duration.getSeconds();
            return seconds % 3600 == 0 && seconds > 0 ? seconds / 3600 + "h"
                    : seconds % 60 == 0 && seconds > 0 ? seconds / 60 + "m" : seconds + "s";
        }
        if (value instanceof Enum<?> constant) {
            return constant.name().toLowerCase(Locale.ROOT);
        }
        if (value instanceof List<?> list) {
            return list.stream().map(String::valueOf).collect(Collectors.joining(","));
        }
        return String.valueOf(value);
    }

    /** {@code compute}, {@code none}, or a hash: read once, here, for every reader. */
    private static void integrity(WidgetScript.Builder script, String value) {
        if (value.equalsIgnoreCase("compute")) {
            script.computeIntegrity();
        } else if (value.equalsIgnoreCase("none")) {
            script.withoutIntegrity();
        } else {
            script.integrity(value);
        }
    }

    /** {@code unsafe-inline} (quoted or not), or a hash. */
    private static void styleHash(WidgetScript.Builder script, String value) {
        if (value.equalsIgnoreCase("unsafe-inline") || value.equalsIgnoreCase("'unsafe-inline'")) {
            script.unsafeInlineStyles();
        } else {
            script.styleHash(value);
        }
    }

    /** Applies a rate limit through the builder's two methods: on with its permits and period, or off. */
    private static BiConsumer<Builder, RateLimit> limit(RateLimitMethod on, Function<Builder, Builder> off) {
        return (builder, limit) -> {
            if (limit.enabled()) {
                on.set(builder, limit.permits(), limit.period());
            } else {
                off.apply(builder);
            }
        };
    }

    /** A builder's {@code rateLimit(permits, period)}. */
    @FunctionalInterface
    private interface RateLimitMethod {
        Builder set(Builder builder, int permits, Duration period);
    }
}
