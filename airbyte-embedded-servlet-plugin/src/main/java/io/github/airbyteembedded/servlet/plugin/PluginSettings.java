package io.github.airbyteembedded.servlet.plugin;

import io.github.airbyteembedded.servlet.internal.settings.FilterConfigReader;
import io.github.airbyteembedded.servlet.internal.settings.Setting;
import io.github.airbyteembedded.servlet.internal.settings.Settings;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * The plugin's settings seen as the init-params of a filter, so that the filter reads them exactly as it
 * reads web.xml (same names, same parser, same errors): the init-param {@code client-id} is the system
 * property {@code airbyte.client-id}, else the environment variable {@code AIRBYTE_CLIENT_ID}, else the
 * context-param {@code airbyte.client-id}. Every name derives from the setting's key ({@link
 * Setting#systemProperty}, {@link Setting#environmentVariable}).
 *
 * <p>A secret never passes through here as a value. The client secret is the system property {@code
 * airbyte.client-secret} or the environment variable {@code AIRBYTE_CLIENT_SECRET} (and so for every
 * secret setting), presented as the init-param {@code client-secret-property} or {@code
 * client-secret-env} naming it, which the filter then reads; a context-param {@code
 * airbyte.client-secret} is refused like a secret written in web.xml.
 *
 * <p>{@link #getInitParameterNames()} lists what the context-params and system properties set, for the
 * filter to refuse unknown names (a typo); environment variables are read only for the settings the
 * filter asks for, since an unrelated {@code AIRBYTE_*} variable is no typo.
 */
final class PluginSettings implements FilterConfig {

    static final String PREFIX = "airbyte.";
    static final String ENVIRONMENT_PREFIX = "AIRBYTE_";

    private final String filterName;
    private final ServletContext context;
    private final UnaryOperator<String> environment;
    private final UnaryOperator<String> systemProperties;
    private final Set<String> propertyNames;

    PluginSettings(String filterName, ServletContext context, UnaryOperator<String> environment,
            UnaryOperator<String> systemProperties, Set<String> propertyNames) {
        this.filterName = filterName;
        this.context = context;
        this.environment = environment;
        this.systemProperties = systemProperties;
        this.propertyNames = propertyNames;
    }

    static PluginSettings fromSystem(String filterName, ServletContext context) {
        return new PluginSettings(filterName, context, System::getenv, System::getProperty,
                System.getProperties().stringPropertyNames());
    }

    /** The secret setting an init-param is, or names ({@code <key>-env}, {@code <key>-property}), if any. */
    static Optional<Setting<?>> secretOf(String name) {
        String base = name.endsWith(FilterConfigReader.ENVIRONMENT_SUFFIX)
                ? name.substring(0, name.length() - FilterConfigReader.ENVIRONMENT_SUFFIX.length())
                : name.endsWith(FilterConfigReader.PROPERTY_SUFFIX)
                        ? name.substring(0, name.length() - FilterConfigReader.PROPERTY_SUFFIX.length()) : name;
        return Settings.named(base).filter(Setting::secret);
    }

    /** Where a setting can be given, for error messages. */
    static String sources(String name) {
        Optional<Setting<?>> secret = secretOf(name);
        if (secret.isPresent()) {
            String key = secret.get().key();
            return "the environment variable " + Setting.environmentVariable(key) + " or the system property "
                    + Setting.systemProperty(key);
        }
        return "the context-param " + Setting.systemProperty(name) + ", the environment variable "
                + Setting.environmentVariable(name) + " or the system property " + Setting.systemProperty(name);
    }

    @Override
    public String getInitParameter(String name) {
        Optional<Setting<?>> secret = secretOf(name);
        if (secret.isEmpty()) {
            return lookup(name);
        }
        String key = secret.get().key();
        if (name.equals(key)) {
            return null; // only ever named, through <key>-env or <key>-property
        }
        String explicit = lookup(name);
        if (explicit != null) {
            return explicit;
        }
        boolean propertySet = hasText(systemProperties.apply(Setting.systemProperty(key)));
        String variableParam = key + FilterConfigReader.ENVIRONMENT_SUFFIX;
        String propertyParam = key + FilterConfigReader.PROPERTY_SUFFIX;
        if (name.equals(propertyParam)) {
            return propertySet && lookup(variableParam) == null ? Setting.systemProperty(key) : null;
        }
        if (name.equals(variableParam)) {
            // Also when nothing is set, for a required secret: the filter's error then names AIRBYTE_<KEY>.
            boolean set = propertySet || lookup(propertyParam) != null;
            boolean wanted = hasText(environment.apply(Setting.environmentVariable(key))) || "required".equals(secret.get().defaultText());
            return set || !wanted ? null : Setting.environmentVariable(key);
        }
        return null;
    }

    /** A system property wins over an environment variable, which wins over a context-param. */
    private String lookup(String name) {
        String property = systemProperties.apply(Setting.systemProperty(name));
        if (hasText(property)) {
            return property;
        }
        String variable = environment.apply(Setting.environmentVariable(name));
        if (hasText(variable)) {
            return variable;
        }
        String parameter = context == null ? null : context.getInitParameter(Setting.systemProperty(name));
        return hasText(parameter) ? parameter : null;
    }

    @Override
    public Enumeration<String> getInitParameterNames() {
        Set<String> names = new TreeSet<>();
        if (context != null) {
            for (String name : Collections.list(context.getInitParameterNames())) {
                if (name.startsWith(PREFIX) && hasText(context.getInitParameter(name))) {
                    names.add(name.substring(PREFIX.length()));
                }
            }
        }
        for (String name : propertyNames) {
            if (name.startsWith(PREFIX) && !isSecretValue(name.substring(PREFIX.length()))) {
                names.add(name.substring(PREFIX.length()));
            }
        }
        return Collections.enumeration(names);
    }

    /** Whether a system property {@code airbyte.<name>} is a secret's value (read, never listed). */
    private static boolean isSecretValue(String name) {
        return Settings.named(name).filter(Setting::secret).isPresent();
    }

    @Override
    public String getFilterName() {
        return filterName;
    }

    @Override
    public ServletContext getServletContext() {
        return context;
    }

    private static boolean hasText(String value) {
        return value != null && !value.isBlank();
    }

    /** Names the sources, never their values. */
    @Override
    public String toString() {
        return "PluginSettings{context-params and system properties " + PREFIX + "*, environment variables "
                + ENVIRONMENT_PREFIX + "*}";
    }
}
