package io.github.airbyteembedded.servlet.plugin;

import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * The plugin's settings seen as the init-params of a filter, so that the filter reads them exactly as it
 * reads web.xml (same names, same parser, same errors): the init-param {@code client-id} is the system
 * property {@code airbyte.client-id}, else the environment variable {@code AIRBYTE_CLIENT_ID}, else the
 * context-param {@code airbyte.client-id}. Every setting follows the same rule: {@link #propertyName},
 * {@link #environmentName}.
 *
 * <p>The client secret never passes through here as a value. It is the system property {@code
 * airbyte.client-secret} or the environment variable {@code AIRBYTE_CLIENT_SECRET}, presented as {@code
 * client-secret-property} or {@code client-secret-env} naming it, which the filter then reads; a
 * context-param {@code airbyte.client-secret} is refused like a secret written in web.xml.
 *
 * <p>{@link #getInitParameterNames()} lists what the context-params and system properties set, for the
 * filter to refuse unknown names (a typo); environment variables are read only for the settings the
 * filter asks for, since an unrelated {@code AIRBYTE_*} variable is no typo.
 */
final class PluginSettings implements FilterConfig {

    static final String PREFIX = "airbyte.";
    static final String ENVIRONMENT_PREFIX = "AIRBYTE_";
    static final String CLIENT_SECRET = "client-secret";
    static final String CLIENT_SECRET_ENV = "client-secret-env";
    static final String CLIENT_SECRET_PROPERTY = "client-secret-property";

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

    /** The system property and context-param of a setting: {@code client-id} is {@code airbyte.client-id}. */
    static String propertyName(String setting) {
        return PREFIX + setting;
    }

    /** The environment variable of a setting: {@code client-id} is {@code AIRBYTE_CLIENT_ID}. */
    static String environmentName(String setting) {
        return ENVIRONMENT_PREFIX + setting.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    /** Where a setting can be given, for error messages. */
    static String sources(String setting) {
        if (setting.startsWith(CLIENT_SECRET)) {
            return "the environment variable " + environmentName(CLIENT_SECRET) + " or the system property "
                    + propertyName(CLIENT_SECRET);
        }
        return "the context-param " + propertyName(setting) + ", the environment variable " + environmentName(setting)
                + " or the system property " + propertyName(setting);
    }

    @Override
    public String getInitParameter(String name) {
        if (name.equals(CLIENT_SECRET)) {
            return null; // only ever named, through client-secret-env or client-secret-property
        }
        String explicit = lookup(name);
        if (explicit != null || !name.startsWith(CLIENT_SECRET)) {
            return explicit;
        }
        boolean propertySet = hasText(systemProperties.apply(propertyName(CLIENT_SECRET)));
        if (name.equals(CLIENT_SECRET_PROPERTY)) {
            return propertySet && lookup(CLIENT_SECRET_ENV) == null ? propertyName(CLIENT_SECRET) : null;
        }
        if (name.equals(CLIENT_SECRET_ENV)) {
            // Also when nothing is set: the filter's error then names AIRBYTE_CLIENT_SECRET.
            return propertySet || lookup(CLIENT_SECRET_PROPERTY) != null ? null : environmentName(CLIENT_SECRET);
        }
        return null;
    }

    /** A system property wins over an environment variable, which wins over a context-param. */
    private String lookup(String setting) {
        String property = systemProperties.apply(propertyName(setting));
        if (hasText(property)) {
            return property;
        }
        String variable = environment.apply(environmentName(setting));
        if (hasText(variable)) {
            return variable;
        }
        String parameter = context == null ? null : context.getInitParameter(propertyName(setting));
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
            if (name.startsWith(PREFIX) && !name.equals(propertyName(CLIENT_SECRET))) {
                names.add(name.substring(PREFIX.length()));
            }
        }
        return Collections.enumeration(names);
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
