package io.github.airbyteembedded.servlet.internal.settings;

import io.github.airbyteembedded.servlet.AirbyteEmbeddedConfig;
import io.github.airbyteembedded.servlet.AirbyteEmbeddedConfigException;
import io.github.airbyteembedded.servlet.TagSelectionMode;
import io.github.airbyteembedded.servlet.WidgetScript;
import io.github.airbyteembedded.servlet.WorkspaceResolver;
import jakarta.servlet.FilterConfig;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.function.UnaryOperator;

/**
 * Turns the init-params of a web.xml filter declaration into an {@link AirbyteEmbeddedConfig}.
 *
 * <p>Plain values (ids, URLs, origins, durations) are init-params. Secrets are not: the client
 * secret is read from the environment variable or system property that an init-param names, and an
 * init-param that holds the secret itself is refused. The workspace resolver is a class name. An
 * unknown init-param is refused too, so that a typo cannot silently drop a setting.
 */
public final class FilterConfigReader {

    static final String CLIENT_ID = "client-id";
    static final String CLIENT_ID_ENV = "client-id-env";
    static final String CLIENT_SECRET = "client-secret";
    static final String CLIENT_SECRET_ENV = "client-secret-env";
    static final String CLIENT_SECRET_PROPERTY = "client-secret-property";
    static final String API_BASE_URL = "api-base-url";
    static final String ORGANIZATION_ID = "organization-id";
    static final String ALLOWED_ORIGINS = "allowed-origins";
    static final String TOKEN_PATH = "token-path";
    static final String WORKSPACE_RESOLVER = "workspace-resolver";
    static final String OPERATOR_TOKEN_REFRESH_SKEW = "operator-token-refresh-skew";
    static final String CONNECT_TIMEOUT = "connect-timeout";
    static final String REQUEST_TIMEOUT = "request-timeout";
    static final String BODY_READ_TIMEOUT = "body-read-timeout";
    static final String REGION_ID = "region-id";
    static final String SOURCE_TEMPLATE_TAGS = "source-template-tags";
    static final String SOURCE_TEMPLATE_TAGS_MODE = "source-template-tags-mode";
    static final String CONNECTION_TEMPLATE_TAGS = "connection-template-tags";
    static final String CONNECTION_TEMPLATE_TAGS_MODE = "connection-template-tags-mode";
    static final String MAX_CONCURRENT_UPSTREAM_CALLS = "max-concurrent-upstream-calls";
    static final String RATE_LIMIT = "rate-limit";
    static final String RATE_LIMIT_MAX_TRACKED_USERS = "rate-limit-max-tracked-users";
    static final String SOURCES_LIST_RATE_LIMIT = "sources-list-rate-limit";
    static final String SOURCES_CHANGE_RATE_LIMIT = "sources-change-rate-limit";
    static final String WORKSPACE_REQUEST_ATTRIBUTE = "workspace-request-attribute";
    static final String WORKSPACE_PSEUDONYM_KEY_ENV = "workspace-pseudonym-key-env";
    static final String WORKSPACE_PSEUDONYM_PREFIX = "workspace-pseudonym-prefix";
    static final String WORKSPACE_FOLD_CASE = "workspace-fold-case";
    static final String SOURCE_ROUTES = "source-routes";
    static final String SOURCES_PATH = "sources-path";
    static final String SOURCE_EVENTS_PATH = "source-events-path";
    static final String WIDGET_VERSION = "widget-version";
    static final String WIDGET_CDN_BASE = "widget-cdn-base";
    static final String WIDGET_INTEGRITY = "widget-integrity";
    static final String WIDGET_STYLE_HASH = "widget-style-hash";
    static final String WIDGET_PAGE_ORIGIN = "widget-page-origin";
    static final String ADD_CONTENT_SECURITY_POLICY = "add-content-security-policy";
    static final String EMULATOR = "emulator";

    static final Set<String> KNOWN = Collections.unmodifiableSet(new TreeSet<>(List.of(
            CLIENT_ID, CLIENT_ID_ENV, CLIENT_SECRET_ENV, CLIENT_SECRET_PROPERTY, API_BASE_URL, ORGANIZATION_ID,
            ALLOWED_ORIGINS, TOKEN_PATH, WORKSPACE_RESOLVER, OPERATOR_TOKEN_REFRESH_SKEW, CONNECT_TIMEOUT,
            REQUEST_TIMEOUT, BODY_READ_TIMEOUT, REGION_ID, SOURCE_TEMPLATE_TAGS, SOURCE_TEMPLATE_TAGS_MODE,
            CONNECTION_TEMPLATE_TAGS, CONNECTION_TEMPLATE_TAGS_MODE, MAX_CONCURRENT_UPSTREAM_CALLS, RATE_LIMIT,
            RATE_LIMIT_MAX_TRACKED_USERS, SOURCES_LIST_RATE_LIMIT, SOURCES_CHANGE_RATE_LIMIT, WORKSPACE_REQUEST_ATTRIBUTE,
            WORKSPACE_PSEUDONYM_KEY_ENV, WORKSPACE_PSEUDONYM_PREFIX, WORKSPACE_FOLD_CASE, SOURCE_ROUTES,
            SOURCES_PATH, SOURCE_EVENTS_PATH, WIDGET_VERSION, WIDGET_CDN_BASE, WIDGET_INTEGRITY, WIDGET_STYLE_HASH,
            WIDGET_PAGE_ORIGIN, ADD_CONTENT_SECURITY_POLICY, EMULATOR)));

    /** What {@code emulator=true} replaces: the settings that point at Airbyte. */
    private static final List<String> REPLACED_BY_EMULATOR = List.of(CLIENT_ID, CLIENT_ID_ENV, CLIENT_SECRET_ENV,
            CLIENT_SECRET_PROPERTY, API_BASE_URL, WIDGET_CDN_BASE, WIDGET_INTEGRITY, WIDGET_STYLE_HASH);

    private static final Logger LOG = System.getLogger(FilterConfigReader.class.getName());

    private final UnaryOperator<String> environment;
    private final UnaryOperator<String> systemProperties;

    public FilterConfigReader(UnaryOperator<String> environment, UnaryOperator<String> systemProperties) {
        this.environment = environment;
        this.systemProperties = systemProperties;
    }

    public static FilterConfigReader fromSystem() {
        return new FilterConfigReader(System::getenv, System::getProperty);
    }

    public AirbyteEmbeddedConfig read(FilterConfig filterConfig) {
        if (emulatorRequested(filterConfig)) {
            throw new IllegalStateException("emulator=true: start the DevelopmentEmulator and pass it to read()");
        }
        return read(filterConfig, null);
    }

    /** Whether the init-params ask for the in-process emulator ({@code emulator=true}; off by default). */
    public static boolean emulatorRequested(FilterConfig filterConfig) {
        return param(filterConfig, EMULATOR).map(value -> bool(EMULATOR, value)).orElse(false);
    }

    /**
     * Reads the init-params; with an emulator (started for {@code emulator=true}), the settings that
     * point at Airbyte come from it instead.
     */
    public AirbyteEmbeddedConfig read(FilterConfig filterConfig, DevelopmentEmulator emulator) {
        for (String name : Collections.list(filterConfig.getInitParameterNames())) {
            if (CLIENT_SECRET.equals(name)) {
                throw new AirbyteEmbeddedConfigException(CLIENT_SECRET,
                        "must not be written in web.xml; name the environment variable that holds it with '"
                                + CLIENT_SECRET_ENV + "' (or a system property with '" + CLIENT_SECRET_PROPERTY + "')");
            }
            if (!KNOWN.contains(name)) {
                throw new AirbyteEmbeddedConfigException(name, "is not a known init-param; known ones are " + KNOWN);
            }
        }
        AirbyteEmbeddedConfig.Builder builder = AirbyteEmbeddedConfig.builder();
        if (emulator == null) {
            readClientId(filterConfig, builder);
            readClientSecret(filterConfig, builder);
            param(filterConfig, API_BASE_URL).ifPresent(builder::apiBaseUri);
        } else {
            List<String> ignored = REPLACED_BY_EMULATOR.stream().filter(name -> param(filterConfig, name).isPresent()).toList();
            if (!ignored.isEmpty()) {
                LOG.log(Level.INFO, "emulator=true: {0} ignored in favour of the in-process emulator", ignored);
            }
            emulator.configure(builder);
        }
        param(filterConfig, ORGANIZATION_ID).ifPresent(builder::organizationId);
        param(filterConfig, ALLOWED_ORIGINS).ifPresent(value -> builder.allowedOrigins(list(value)));
        param(filterConfig, TOKEN_PATH).ifPresent(builder::tokenPath);
        builder.workspaceResolver(readWorkspaceResolver(filterConfig));
        param(filterConfig, WORKSPACE_FOLD_CASE).ifPresent(value -> builder.foldWorkspaceNameCase(bool(WORKSPACE_FOLD_CASE, value)));
        param(filterConfig, OPERATOR_TOKEN_REFRESH_SKEW)
                .ifPresent(value -> builder.operatorTokenRefreshSkew(Durations.parse(OPERATOR_TOKEN_REFRESH_SKEW, value)));
        param(filterConfig, CONNECT_TIMEOUT).ifPresent(value -> builder.connectTimeout(Durations.parse(CONNECT_TIMEOUT, value)));
        param(filterConfig, REQUEST_TIMEOUT).ifPresent(value -> builder.requestTimeout(Durations.parse(REQUEST_TIMEOUT, value)));
        param(filterConfig, BODY_READ_TIMEOUT).ifPresent(value -> builder.bodyReadTimeout(Durations.parse(BODY_READ_TIMEOUT, value)));
        param(filterConfig, REGION_ID).ifPresent(builder::regionId);
        param(filterConfig, SOURCE_TEMPLATE_TAGS).ifPresent(value -> builder.sourceTemplateTags(list(value),
                mode(filterConfig, SOURCE_TEMPLATE_TAGS_MODE)));
        param(filterConfig, CONNECTION_TEMPLATE_TAGS).ifPresent(value -> builder.connectionTemplateTags(list(value),
                mode(filterConfig, CONNECTION_TEMPLATE_TAGS_MODE)));
        param(filterConfig, MAX_CONCURRENT_UPSTREAM_CALLS).ifPresent(value ->
                builder.maxConcurrentUpstreamCalls(integer(MAX_CONCURRENT_UPSTREAM_CALLS, value)));
        param(filterConfig, RATE_LIMIT).ifPresent(value -> readRateLimit(RATE_LIMIT, value, builder::rateLimit,
                builder::disableRateLimit));
        param(filterConfig, SOURCES_LIST_RATE_LIMIT).ifPresent(value -> readRateLimit(SOURCES_LIST_RATE_LIMIT, value,
                builder::sourcesListRateLimit, builder::disableSourcesListRateLimit));
        param(filterConfig, SOURCES_CHANGE_RATE_LIMIT).ifPresent(value -> readRateLimit(SOURCES_CHANGE_RATE_LIMIT, value,
                builder::sourcesChangeRateLimit, builder::disableSourcesChangeRateLimit));
        param(filterConfig, RATE_LIMIT_MAX_TRACKED_USERS).ifPresent(value ->
                builder.rateLimitMaxTrackedUsers(integer(RATE_LIMIT_MAX_TRACKED_USERS, value)));
        param(filterConfig, SOURCE_ROUTES).ifPresent(value -> builder.sourceRoutes(bool(SOURCE_ROUTES, value)));
        param(filterConfig, SOURCES_PATH).ifPresent(builder::sourcesPath);
        param(filterConfig, SOURCE_EVENTS_PATH).ifPresent(builder::sourceEventsPath);
        WidgetScript.Builder script = readWidgetScript(filterConfig);
        if (emulator != null) {
            emulator.configure(script);
        }
        builder.widgetScript(script.build());
        param(filterConfig, WIDGET_PAGE_ORIGIN).ifPresent(builder::widgetPageOrigin);
        param(filterConfig, ADD_CONTENT_SECURITY_POLICY).ifPresent(value ->
                builder.addContentSecurityPolicy(bool(ADD_CONTENT_SECURITY_POLICY, value)));
        return builder.build();
    }

    /** The widget script: version, CDN base, integrity (a hash, {@code compute} or {@code none}), style hash. */
    private static WidgetScript.Builder readWidgetScript(FilterConfig filterConfig) {
        WidgetScript.Builder script = WidgetScript.builder();
        param(filterConfig, WIDGET_VERSION).ifPresent(script::version);
        param(filterConfig, WIDGET_CDN_BASE).ifPresent(script::cdnBase);
        param(filterConfig, WIDGET_INTEGRITY).ifPresent(value -> {
            if (value.equalsIgnoreCase("compute")) {
                script.computeIntegrity();
            } else if (value.equalsIgnoreCase("none")) {
                script.withoutIntegrity();
            } else {
                script.integrity(value);
            }
        });
        param(filterConfig, WIDGET_STYLE_HASH).ifPresent(value -> {
            if (value.equalsIgnoreCase("unsafe-inline") || value.equalsIgnoreCase("'unsafe-inline'")) {
                script.unsafeInlineStyles();
            } else {
                script.styleHash(value);
            }
        });
        return script;
    }

    private static boolean bool(String setting, String value) {
        if (value.equalsIgnoreCase("true")) {
            return true;
        }
        if (value.equalsIgnoreCase("false")) {
            return false;
        }
        throw new AirbyteEmbeddedConfigException(setting, "'" + value + "' must be true or false");
    }

    private WorkspaceResolver readWorkspaceResolver(FilterConfig filterConfig) {
        var className = param(filterConfig, WORKSPACE_RESOLVER);
        var attribute = param(filterConfig, WORKSPACE_REQUEST_ATTRIBUTE);
        if (className.isPresent() && attribute.isPresent()) {
            throw new AirbyteEmbeddedConfigException(WORKSPACE_RESOLVER,
                    "set either '" + WORKSPACE_RESOLVER + "' or '" + WORKSPACE_REQUEST_ATTRIBUTE + "', not both");
        }
        WorkspaceResolver resolver = className.map(FilterConfigReader::instantiate)
                .or(() -> attribute.map(WorkspaceResolver::requestAttribute))
                .orElse(WorkspaceResolver.principalName());
        var keyVariable = param(filterConfig, WORKSPACE_PSEUDONYM_KEY_ENV);
        var prefix = param(filterConfig, WORKSPACE_PSEUDONYM_PREFIX);
        if (keyVariable.isEmpty()) {
            if (prefix.isPresent()) {
                throw new AirbyteEmbeddedConfigException(WORKSPACE_PSEUDONYM_PREFIX,
                        "needs '" + WORKSPACE_PSEUDONYM_KEY_ENV + "', the environment variable holding the pseudonym key");
            }
            return resolver;
        }
        String key = required(WORKSPACE_PSEUDONYM_KEY_ENV, "environment variable", keyVariable.get(), environment);
        try {
            return resolver.pseudonymized(key.getBytes(StandardCharsets.UTF_8), prefix.orElse(""));
        } catch (IllegalArgumentException e) {
            throw new AirbyteEmbeddedConfigException(WORKSPACE_PSEUDONYM_KEY_ENV, e.getMessage());
        }
    }

    /** {@code off}, or {@code <permits>/<period>} such as {@code 10/1m}. */
    private static void readRateLimit(String setting, String value, BiConsumer<Integer, Duration> limit, Runnable off) {
        if (value.equalsIgnoreCase("off")) {
            off.run();
            return;
        }
        String[] parts = value.split("/", 2);
        if (parts.length != 2) {
            throw new AirbyteEmbeddedConfigException(setting, "'" + value + "' must be 'off' or permits/period, such as 10/1m");
        }
        limit.accept(integer(setting, parts[0].strip()), Durations.parse(setting, parts[1]));
    }

    private static int integer(String setting, String value) {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new AirbyteEmbeddedConfigException(setting, "'" + value + "' is not a whole number");
        }
    }

    private void readClientId(FilterConfig filterConfig, AirbyteEmbeddedConfig.Builder builder) {
        var literal = param(filterConfig, CLIENT_ID);
        var variable = param(filterConfig, CLIENT_ID_ENV);
        if (literal.isPresent() && variable.isPresent()) {
            throw new AirbyteEmbeddedConfigException(CLIENT_ID, "set either '" + CLIENT_ID + "' or '" + CLIENT_ID_ENV + "', not both");
        }
        literal.ifPresent(builder::clientId);
        variable.ifPresent(name -> builder.clientId(required(CLIENT_ID_ENV, "environment variable", name, environment)));
    }

    private void readClientSecret(FilterConfig filterConfig, AirbyteEmbeddedConfig.Builder builder) {
        var variable = param(filterConfig, CLIENT_SECRET_ENV);
        var property = param(filterConfig, CLIENT_SECRET_PROPERTY);
        if (variable.isPresent() && property.isPresent()) {
            throw new AirbyteEmbeddedConfigException(CLIENT_SECRET,
                    "set either '" + CLIENT_SECRET_ENV + "' or '" + CLIENT_SECRET_PROPERTY + "', not both");
        }
        if (variable.isEmpty() && property.isEmpty()) {
            throw new AirbyteEmbeddedConfigException(CLIENT_SECRET,
                    "is required: name the environment variable that holds it with the init-param '" + CLIENT_SECRET_ENV
                            + "', for example AIRBYTE_CLIENT_SECRET");
        }
        variable.ifPresent(name -> builder.clientSecret(required(CLIENT_SECRET_ENV, "environment variable", name, environment)));
        property.ifPresent(name -> builder.clientSecret(required(CLIENT_SECRET_PROPERTY, "system property", name, systemProperties)));
    }

    private static String required(String setting, String kind, String name, UnaryOperator<String> source) {
        String value = source.apply(name);
        if (value == null || value.isBlank()) {
            throw new AirbyteEmbeddedConfigException(setting, "the " + kind + " '" + name + "' is not set or is blank");
        }
        return value;
    }

    private static java.util.Optional<String> param(FilterConfig filterConfig, String name) {
        String value = filterConfig.getInitParameter(name);
        return value == null || value.isBlank() ? java.util.Optional.empty() : java.util.Optional.of(value.strip());
    }

    private static List<String> list(String value) {
        return Arrays.stream(value.split("[,\\s]+")).filter(item -> !item.isBlank()).toList();
    }

    private static TagSelectionMode mode(FilterConfig filterConfig, String setting) {
        return param(filterConfig, setting).map(value -> {
            try {
                return TagSelectionMode.valueOf(value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new AirbyteEmbeddedConfigException(setting, "'" + value + "' must be 'any' or 'all'");
            }
        }).orElse(TagSelectionMode.ANY);
    }

    private static WorkspaceResolver instantiate(String className) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader == null) {
            loader = FilterConfigReader.class.getClassLoader();
        }
        Class<?> type;
        try {
            type = Class.forName(className, true, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new AirbyteEmbeddedConfigException(WORKSPACE_RESOLVER, "class " + className + " could not be loaded");
        }
        if (!WorkspaceResolver.class.isAssignableFrom(type)) {
            throw new AirbyteEmbeddedConfigException(WORKSPACE_RESOLVER,
                    "class " + className + " does not implement " + WorkspaceResolver.class.getName());
        }
        try {
            return (WorkspaceResolver) type.getDeclaredConstructor().newInstance();
        } catch (NoSuchMethodException | IllegalAccessException e) {
            throw new AirbyteEmbeddedConfigException(WORKSPACE_RESOLVER,
                    "class " + className + " needs a public no-argument constructor");
        } catch (InstantiationException | InvocationTargetException e) {
            throw new AirbyteEmbeddedConfigException(WORKSPACE_RESOLVER,
                    "class " + className + " could not be instantiated: " + e.getClass().getSimpleName());
        }
    }
}
