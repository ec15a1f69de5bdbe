package io.github.airbyteembedded.servlet.internal.settings;

import io.github.airbyteembedded.servlet.AirbyteEmbeddedConfig;
import io.github.airbyteembedded.servlet.AirbyteEmbeddedConfigException;
import io.github.airbyteembedded.servlet.RateLimitStore;
import io.github.airbyteembedded.servlet.WidgetScript;
import io.github.airbyteembedded.servlet.WorkspaceResolver;
import io.github.airbyteembedded.servlet.internal.upstream.Secret;
import jakarta.servlet.FilterConfig;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * Turns the init-params of a web.xml filter declaration into an {@link AirbyteEmbeddedConfig}, by the
 * table of {@link Settings}: each setting is the init-param named by its key, read with its parser.
 *
 * <p>An older name of a setting is still read, with one warning that gives the new name. Secrets are
 * not init-params: an init-param {@code <key>-env} or {@code <key>-property} names the environment
 * variable or system property that holds one, and an init-param that holds the secret itself is
 * refused. The workspace resolver is a class name. With {@code rate-limit-store=redis}, the Redis store
 * is created for {@code rate-limit-store-uri} (named by {@code rate-limit-store-uri-env}); the filter
 * closes it. An unknown init-param is refused too, so that a typo cannot silently drop a setting.
 */
public final class FilterConfigReader {

    /** The suffix of the init-param that names the environment variable holding a value. */
    public static final String ENVIRONMENT_SUFFIX = "-env";

    /** The suffix of the init-param that names the system property holding a value. */
    public static final String PROPERTY_SUFFIX = "-property";

    /** Every init-param name the reader knows: the keys, their older names, and the names of indirections. */
    public static final Set<String> KNOWN = known();

    private static final Logger LOG = System.getLogger(FilterConfigReader.class.getName());
    private static final Set<String> WARNED_ALIASES = ConcurrentHashMap.newKeySet();

    private final UnaryOperator<String> environment;
    private final UnaryOperator<String> systemProperties;

    public FilterConfigReader(UnaryOperator<String> environment, UnaryOperator<String> systemProperties) {
        this.environment = environment;
        this.systemProperties = systemProperties;
    }

    public static FilterConfigReader fromSystem() {
        return new FilterConfigReader(System::getenv, System::getProperty);
    }

    private static Set<String> known() {
        Set<String> names = new TreeSet<>();
        for (Setting<?> setting : Settings.ALL) {
            for (String name : setting.names()) {
                if (!setting.secret()) {
                    names.add(name);
                }
                if (setting.kind() != Setting.Kind.VALUE) {
                    names.add(name + ENVIRONMENT_SUFFIX);
                }
                if (setting.secret()) {
                    names.add(name + PROPERTY_SUFFIX);
                }
            }
        }
        return Collections.unmodifiableSet(names);
    }

    public AirbyteEmbeddedConfig read(FilterConfig filterConfig) {
        if (emulatorRequested(filterConfig)) {
            throw new IllegalStateException("emulator=true: start the DevelopmentEmulator and pass it to read()");
        }
        return read(filterConfig, null);
    }

    /** Whether the init-params ask for the in-process emulator ({@code emulator=true}; off by default). */
    public static boolean emulatorRequested(FilterConfig filterConfig) {
        return Optional.ofNullable(literal(filterConfig, Settings.EMULATOR)).map(Settings.EMULATOR::parse).orElse(false);
    }

    /**
     * Reads the init-params; with an emulator (started for {@code emulator=true}), the settings that
     * point at Airbyte come from it instead.
     */
    public AirbyteEmbeddedConfig read(FilterConfig filterConfig, DevelopmentEmulator emulator) {
        for (String name : Collections.list(filterConfig.getInitParameterNames())) {
            Optional<Setting<?>> setting = Settings.named(name);
            if (setting.isPresent() && setting.get().secret()) {
                throw new AirbyteEmbeddedConfigException(setting.get().key(),
                        "must not be written in web.xml; name the environment variable that holds it with '" + name
                                + ENVIRONMENT_SUFFIX + "' (or a system property with '" + name + PROPERTY_SUFFIX + "')");
            }
            if (!KNOWN.contains(name)) {
                throw new AirbyteEmbeddedConfigException(name, "is not a known init-param; known ones are " + KNOWN);
            }
        }
        Values values = Values.none();
        List<String> ignored = new ArrayList<>();
        for (Setting<?> setting : Settings.ALL) {
            if (emulator != null && setting.replacedByTheEmulator()) {
                if (given(filterConfig, setting)) {
                    ignored.add(setting.key());
                }
                continue;
            }
            readInto(filterConfig, setting, values);
        }
        if (!ignored.isEmpty()) {
            LOG.log(Level.INFO, "emulator=true: {0} ignored in favour of the in-process emulator", ignored);
        }
        AirbyteEmbeddedConfig.Builder builder = AirbyteEmbeddedConfig.builder();
        WidgetScript.Builder script = WidgetScript.builder();
        Settings.apply(values, new Setting.Target(builder, script));
        if (emulator != null) {
            emulator.configure(builder);
            emulator.configure(script);
        }
        builder.widgetScript(script.build());
        builder.workspaceResolver(workspaceResolver(values));
        RateLimitStoreKind storeKind = values.getOrDefault(Settings.RATE_LIMIT_STORE);
        Secret storeUri = values.get(Settings.RATE_LIMIT_STORE_URI);
        SharedStoreSettings.check(storeKind, storeUri);
        AirbyteEmbeddedConfig config = builder.build();
        // Created once every other setting is known to be valid, so that a failed read leaves no connection.
        Optional<RateLimitStore> store = SharedStoreSettings.create(storeKind, storeUri);
        return store.isEmpty() ? config : config.toBuilder().rateLimitStore(store.get()).build();
    }

    /** Whether any init-param of the setting is there (its key, an older name, an indirection). */
    private static boolean given(FilterConfig filterConfig, Setting<?> setting) {
        return setting.names().stream().anyMatch(name -> param(filterConfig, name) != null
                || param(filterConfig, name + ENVIRONMENT_SUFFIX) != null || param(filterConfig, name + PROPERTY_SUFFIX) != null);
    }

    /** Reads a setting's value, if given, from its init-param or through the variable or property one names. */
    private <T> void readInto(FilterConfig filterConfig, Setting<T> setting, Values values) {
        String text = null;
        for (String name : setting.names()) {
            String found = text(filterConfig, setting, name);
            if (found != null) {
                if (!name.equals(setting.key())) {
                    warnOnce(name, setting);
                }
                text = found;
                break;
            }
        }
        if (text != null) {
            values.put(setting, setting.parse(text));
        } else if (setting.secret() && "required".equals(setting.defaultText())) {
            throw new AirbyteEmbeddedConfigException(setting.key(), "is required: name the environment variable that holds it "
                    + "with the init-param '" + setting.key() + ENVIRONMENT_SUFFIX + "', for example "
                    + Setting.environmentVariable(setting.key()));
        }
    }

    /** The text of one name of a setting: the init-param itself, or what its indirection names. */
    private String text(FilterConfig filterConfig, Setting<?> setting, String name) {
        String value = setting.secret() ? null : param(filterConfig, name);
        String variable = setting.kind() == Setting.Kind.VALUE ? null : param(filterConfig, name + ENVIRONMENT_SUFFIX);
        String property = setting.secret() ? param(filterConfig, name + PROPERTY_SUFFIX) : null;
        int given = (value != null ? 1 : 0) + (variable != null ? 1 : 0) + (property != null ? 1 : 0);
        if (given > 1) {
            throw new AirbyteEmbeddedConfigException(setting.key(), setting.secret()
                    ? "set either '" + name + ENVIRONMENT_SUFFIX + "' or '" + name + PROPERTY_SUFFIX + "', not both"
                    : "set either '" + name + "' or '" + name + ENVIRONMENT_SUFFIX + "', not both");
        }
        if (variable != null) {
            return required(name + ENVIRONMENT_SUFFIX, "environment variable", variable, environment);
        }
        if (property != null) {
            return required(name + PROPERTY_SUFFIX, "system property", property, systemProperties);
        }
        return value;
    }

    /**
     * The workspace resolver: the class named by {@code workspace-resolver} or the request attribute of
     * {@code workspace-request-attribute} (not both), else the principal's name; then, with {@code
     * workspace-pseudonym-key-env}, its keyed pseudonyms.
     */
    private static WorkspaceResolver workspaceResolver(Values values) {
        if (values.has(Settings.WORKSPACE_RESOLVER) && values.has(Settings.WORKSPACE_REQUEST_ATTRIBUTE)) {
            throw new AirbyteEmbeddedConfigException(Settings.WORKSPACE_RESOLVER.key(), "set either '"
                    + Settings.WORKSPACE_RESOLVER.key() + "' or '" + Settings.WORKSPACE_REQUEST_ATTRIBUTE.key() + "', not both");
        }
        WorkspaceResolver resolver = values.has(Settings.WORKSPACE_RESOLVER) ? values.get(Settings.WORKSPACE_RESOLVER)
                : values.has(Settings.WORKSPACE_REQUEST_ATTRIBUTE)
                        ? WorkspaceResolver.requestAttribute(values.get(Settings.WORKSPACE_REQUEST_ATTRIBUTE))
                        : WorkspaceResolver.principalName();
        Secret key = values.get(Settings.WORKSPACE_PSEUDONYM_KEY);
        String keyVariable = Settings.WORKSPACE_PSEUDONYM_KEY.key() + ENVIRONMENT_SUFFIX;
        if (key == null) {
            if (values.has(Settings.WORKSPACE_PSEUDONYM_PREFIX)) {
                throw new AirbyteEmbeddedConfigException(Settings.WORKSPACE_PSEUDONYM_PREFIX.key(),
                        "needs '" + keyVariable + "', the environment variable holding the pseudonym key");
            }
            return resolver;
        }
        try {
            return resolver.pseudonymized(key.reveal().getBytes(StandardCharsets.UTF_8),
                    Optional.ofNullable(values.get(Settings.WORKSPACE_PSEUDONYM_PREFIX)).orElse(""));
        } catch (IllegalArgumentException e) {
            throw new AirbyteEmbeddedConfigException(keyVariable, e.getMessage());
        }
    }

    private static void warnOnce(String alias, Setting<?> setting) {
        if (WARNED_ALIASES.add(alias)) {
            LOG.log(Level.WARNING, "The Airbyte Embedded setting ''{0}'' is deprecated: call it ''{1}''", alias, setting.key());
        }
    }

    private static String required(String setting, String kind, String name, UnaryOperator<String> source) {
        String value = source.apply(name);
        if (value == null || value.isBlank()) {
            throw new AirbyteEmbeddedConfigException(setting, "the " + kind + " '" + name + "' is not set or is blank");
        }
        return value;
    }

    /** The value of a setting's own init-param, if it is not blank. */
    private static String literal(FilterConfig filterConfig, Setting<?> setting) {
        return param(filterConfig, setting.key());
    }

    private static String param(FilterConfig filterConfig, String name) {
        String value = filterConfig.getInitParameter(name);
        return value == null || value.isBlank() ? null : value.strip();
    }
}
