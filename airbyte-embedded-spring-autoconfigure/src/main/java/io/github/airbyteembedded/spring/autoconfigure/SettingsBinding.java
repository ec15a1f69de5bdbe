package io.github.airbyteembedded.spring.autoconfigure;

import io.github.airbyteembedded.servlet.AirbyteEmbeddedConfigException;
import io.github.airbyteembedded.servlet.internal.settings.RateLimit;
import io.github.airbyteembedded.servlet.internal.settings.Setting;
import io.github.airbyteembedded.servlet.internal.settings.Settings;
import io.github.airbyteembedded.servlet.internal.settings.Values;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.bind.BindResult;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * The {@code airbyte.embedded.*} properties of the core's settings, bound by the table of {@link
 * Settings}: each setting is the property {@code airbyte.embedded.<key>}, converted by Boot when its type
 * is one Boot converts (durations also as a bare number of milliseconds, booleans, numbers, lists, the
 * tag modes), otherwise read as text by the setting's own parser, exactly as an init-param is. An older
 * name is still bound, with one warning that gives the new one; so are the old groups of a rate limit
 * ({@code <old name>.enabled}, {@code .permits}, {@code .period}).
 *
 * <p>A placeholder left unresolved, {@code ${AIRBYTE_CLIENT_ID}} with no such environment variable, is a
 * configuration error naming the property and the placeholder ({@link #unresolvedPlaceholder}), except in a
 * setting the emulator replaces while it is on: there the value is not needed, and is left out.
 */
final class SettingsBinding {

    static final String PREFIX = "airbyte.embedded.";

    /** The start of the problem an unresolved placeholder is, which {@link AirbyteEmbeddedFailureAnalyzer} recognises. */
    static final String UNRESOLVED = "refers to ";
    static final String UNRESOLVED_END = ", which is not set (no environment variable or property of that name)";

    /** A placeholder as Spring writes one: {@code ${NAME}} (one with a default, {@code ${NAME:}}, resolves). */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{[^${}]+}");

    private static final Logger LOG = System.getLogger(SettingsBinding.class.getName());
    private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();

    private SettingsBinding() {
    }

    /** The values of the settings the environment gives, and no others. */
    static Values bind(Environment environment) {
        Binder binder = Binder.get(environment);
        Values values = Values.none();
        for (Setting<?> setting : Settings.ALL) {
            bindInto(binder, setting, values);
        }
        return values;
    }

    /** The value of one setting the environment gives, or {@code null}. */
    static <T> T bind(Environment environment, Setting<T> setting) {
        return bind(Binder.get(environment), setting);
    }

    private static <T> void bindInto(Binder binder, Setting<T> setting, Values values) {
        for (String name : setting.names()) {
            if (unresolvedPlaceholder(binder, setting, PREFIX + name)) {
                return;
            }
            Optional<T> value = bind(binder, setting, PREFIX + name);
            boolean oldGroup = false;
            if (value.isEmpty() && setting.type() == RateLimit.class) {
                value = oldRateLimitGroup(binder, setting, PREFIX + name);
                oldGroup = value.isPresent();
            }
            if (value.isPresent()) {
                if (oldGroup || !name.equals(setting.key())) {
                    warnOnce(PREFIX + name + (oldGroup ? ".*" : ""), setting);
                }
                values.put(setting, value.get());
                return;
            }
        }
    }

    private static <T> Optional<T> bind(Binder binder, Setting<T> setting, String name) {
        if (setting.parsedFromText()) {
            return optional(binder.bind(name, String.class)).filter(text -> !text.isBlank()).map(setting::parse);
        }
        if (setting.type() == List.class) {
            return optional(binder.bind(name, Bindable.listOf(String.class))).map(setting::cast);
        }
        if (setting.type() == String.class) {
            return optional(binder.bind(name, String.class)).filter(text -> !text.isBlank()).map(String::strip).map(setting::cast);
        }
        return optional(binder.bind(name, Bindable.of(setting.type()))).map(setting::cast);
    }

    /**
     * Whether the property's value holds a placeholder that nothing resolved, and is left out because the
     * emulator replaces the setting; when the emulator does not, the configuration error naming them.
     * Boot's {@link Binder} leaves such a placeholder as it is written, where {@code Environment.getProperty}
     * would throw. A secret's value counts only when it is all one placeholder, so that no part of a
     * secret is ever quoted.
     */
    private static boolean unresolvedPlaceholder(Binder binder, Setting<?> setting, String name) {
        List<String> texts = setting.type() == List.class
                ? optional(binder.bind(name, Bindable.listOf(String.class))).orElse(List.of())
                : optional(binder.bind(name, String.class)).map(List::of).orElse(List.of());
        for (String text : texts) {
            Matcher placeholder = PLACEHOLDER.matcher(text);
            boolean found = setting.secret() ? placeholder.matches() : placeholder.find();
            if (found) {
                if (setting.replacedByTheEmulator() && Boolean.TRUE.equals(bind(binder, Settings.EMULATOR))) {
                    return true;
                }
                throw new AirbyteEmbeddedConfigException(setting.key(), UNRESOLVED + placeholder.group() + UNRESOLVED_END);
            }
        }
        return false;
    }

    /** The value of one setting the binder gives, or {@code null}. */
    private static <T> T bind(Binder binder, Setting<T> setting) {
        Values values = Values.none();
        bindInto(binder, setting, values);
        return values.get(setting);
    }

    /** A rate limit given the old way: {@code <name>.enabled}, {@code <name>.permits}, {@code <name>.period}. */
    private static <T> Optional<T> oldRateLimitGroup(Binder binder, Setting<T> setting, String name) {
        Optional<Boolean> enabled = optional(binder.bind(name + ".enabled", Boolean.class));
        Optional<Integer> permits = optional(binder.bind(name + ".permits", Integer.class));
        Optional<Duration> period = optional(binder.bind(name + ".period", Duration.class));
        if (enabled.isEmpty() && permits.isEmpty() && period.isEmpty()) {
            return Optional.empty();
        }
        RateLimit defaults = (RateLimit) setting.defaultValue();
        RateLimit limit = RateLimit.of(permits.orElse(defaults.permits()), period.orElse(defaults.period()));
        return Optional.of(setting.cast(enabled.orElse(true) ? limit : limit.off()));
    }

    /** The emulator's port: {@code airbyte.embedded.emulator-port}, or its older name {@code emulator.port}. */
    static int emulatorPort(Environment environment, AirbyteEmbeddedProperties properties) {
        Binder binder = Binder.get(environment);
        if (binder.bind(PREFIX + "emulator-port", Integer.class).isBound()) {
            return properties.getEmulatorPort();
        }
        return binder.bind(PREFIX + "emulator.port", Integer.class).map(port -> {
            if (WARNED.add(PREFIX + "emulator.port")) {
                LOG.log(Level.WARNING, "{0} is deprecated: set {1} instead", PREFIX + "emulator.port", PREFIX + "emulator-port");
            }
            return port;
        }).orElse(properties.getEmulatorPort());
    }

    private static <T> Optional<T> optional(BindResult<T> result) {
        return result.isBound() ? Optional.of(result.get()) : Optional.empty();
    }

    private static void warnOnce(String old, Setting<?> setting) {
        if (WARNED.add(old)) {
            LOG.log(Level.WARNING, "{0} is deprecated: set {1} instead", old, setting.springProperty());
        }
    }
}
