package io.github.airbyteembedded.servlet.internal.settings;

import io.github.airbyteembedded.servlet.AirbyteEmbeddedConfig;
import io.github.airbyteembedded.servlet.AirbyteEmbeddedConfigException;
import io.github.airbyteembedded.servlet.WidgetScript;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * One setting of Airbyte Embedded, declared once in {@link Settings}: its one name (the canonical key,
 * in kebab case), the older names still read, the type of its value and how that value is read from
 * text, its default, its check, a one-line description, and how it applies to the builders. Every
 * reader derives its names from the key: the web.xml init-param {@code <key>}, the plugin's system
 * property {@code airbyte.<key>} and environment variable {@code AIRBYTE_<KEY>}, the Spring Boot property
 * {@code airbyte.embedded.<key>}.
 *
 * <p>A secret setting is never read as a value from an init-param or a property file of the plugin:
 * the init-params {@code <key>-env} and {@code <key>-property} name the environment variable or system
 * property that holds it.
 *
 * @param <T> the type of the value
 */
public final class Setting<T> {

    /** How a setting is given. */
    public enum Kind {
        /** A plain value. */
        VALUE,
        /** A value that can also be taken from a named environment variable ({@code <key>-env}). */
        VALUE_OR_ENVIRONMENT,
        /** A secret: only from a named environment variable or system property, never written in web.xml. */
        SECRET
    }

    /**
     * Where a setting's value goes.
     *
     * @param config the configuration under construction
     * @param script the widget script under construction
     */
    public record Target(AirbyteEmbeddedConfig.Builder config, WidgetScript.Builder script) {
    }

    private final String key;
    private final List<String> aliases;
    private final Class<?> type;
    private final BiFunction<String, String, T> parser;
    private final T defaultValue;
    private final String defaultText;
    private final String description;
    private final String builderMethod;
    private final Kind kind;
    private final boolean replacedByEmulator;
    private final BiConsumer<Target, T> applier;
    private final UnaryOperator<T> check;

    private Setting(String key, List<String> aliases, Class<?> type, BiFunction<String, String, T> parser, T defaultValue,
            String defaultText, String description, String builderMethod, Kind kind, boolean replacedByEmulator,
            BiConsumer<Target, T> applier, UnaryOperator<T> check) {
        this.key = key;
        this.aliases = List.copyOf(aliases);
        this.type = type;
        this.parser = parser;
        this.defaultValue = defaultValue;
        this.defaultText = defaultText;
        this.description = description;
        this.builderMethod = builderMethod;
        this.kind = kind;
        this.replacedByEmulator = replacedByEmulator;
        this.applier = applier;
        this.check = check;
    }

    /**
     * Starts the declaration of a setting.
     *
     * @param type the type of the value, which the Spring layer binds with Boot's conversions ({@code
     *     String}, {@code Boolean}, {@code Integer}, {@code Duration}, {@code List}, an enum); any other type
     *     is bound as text and read with {@code parser}
     * @param parser reads the value from text (an init-param, an environment variable, a property),
     *     given the key to name in its errors; throws an {@link AirbyteEmbeddedConfigException}
     */
    static <T> Setting<T> of(String key, Class<?> type, BiFunction<String, String, T> parser, String description) {
        return new Setting<>(key, List.of(), type, parser, null, null, description, "–", Kind.VALUE, false,
                (target, value) -> { }, value -> value);
    }

    /** The same setting with older names that are still read, with a warning. */
    Setting<T> aliases(String... names) {
        return new Setting<>(key, List.of(names), type, parser, defaultValue, defaultText, description, builderMethod, kind,
                replacedByEmulator, applier, check);
    }

    /** The same setting with a default value, which the builder starts from. */
    Setting<T> byDefault(T value) {
        return new Setting<>(key, aliases, type, parser, value, defaultText, description, builderMethod, kind,
                replacedByEmulator, applier, check);
    }

    /** The same setting with the default described in words, where no value says it ("required"). */
    Setting<T> describedDefault(String text) {
        return new Setting<>(key, aliases, type, parser, defaultValue, text, description, builderMethod, kind,
                replacedByEmulator, applier, check);
    }

    /** The same setting applied to the configuration's builder by this method (named for the documentation). */
    Setting<T> config(String method, BiConsumer<AirbyteEmbeddedConfig.Builder, T> apply) {
        return new Setting<>(key, aliases, type, parser, defaultValue, defaultText, description, method, kind,
                replacedByEmulator, (target, value) -> apply.accept(target.config(), value), check);
    }

    /** The same setting applied to the widget script's builder. */
    Setting<T> script(String method, BiConsumer<WidgetScript.Builder, T> apply) {
        return new Setting<>(key, aliases, type, parser, defaultValue, defaultText, description, method, kind,
                replacedByEmulator, (target, value) -> apply.accept(target.script(), value), check);
    }

    /** The same setting applied by a reader of its own (the workspace resolver, the emulator). */
    Setting<T> applied(String method) {
        return new Setting<>(key, aliases, type, parser, defaultValue, defaultText, description, method, kind,
                replacedByEmulator, applier, check);
    }

    /**
     * The same setting with a check that the configuration's builder runs once, in {@code build()}.
     *
     * @param check makes the check, given the key to name in its errors
     */
    Setting<T> checked(Function<String, UnaryOperator<T>> check) {
        return new Setting<>(key, aliases, type, parser, defaultValue, defaultText, description, builderMethod, kind,
                replacedByEmulator, applier, check.apply(key));
    }

    /** The same setting of another kind. */
    Setting<T> kind(Kind kind) {
        return new Setting<>(key, aliases, type, parser, defaultValue, defaultText, description, builderMethod, kind,
                replacedByEmulator, applier, check);
    }

    /** The same setting, ignored when {@code emulator=true} because the in-process emulator provides it. */
    Setting<T> replacedByEmulator() {
        return new Setting<>(key, aliases, type, parser, defaultValue, defaultText, description, builderMethod, kind,
                true, applier, check);
    }

    /** The canonical key, such as {@code request-timeout}. */
    public String key() {
        return key;
    }

    /** Older names of this setting, read with a warning that names the key. */
    public List<String> aliases() {
        return aliases;
    }

    /** Every name of this setting, the key first, then its older names, as the readers look for them. */
    public List<String> names() {
        List<String> names = new ArrayList<>();
        names.add(key);
        names.addAll(aliases);
        return names;
    }

    /** The type of the value (what a binder converts text into), or {@code String} for text read by {@link #parse}. */
    public Class<?> type() {
        return type;
    }

    /** Whether a binder reads the value as text and parses it here, rather than converting it itself. */
    public boolean parsedFromText() {
        return !(type == String.class || type == Boolean.class || type == Integer.class || type == Duration.class
                || type == List.class || type.isEnum());
    }

    /** How the setting is given. */
    public Kind kind() {
        return kind;
    }

    /** Whether it is a secret (see the class comment). */
    public boolean secret() {
        return kind == Kind.SECRET;
    }

    /** Whether {@code emulator=true} replaces it. */
    public boolean replacedByTheEmulator() {
        return replacedByEmulator;
    }

    /** The one-line description, for the documentation and the IDE. */
    public String description() {
        return description;
    }

    /** The builder method that sets it in code, for the documentation. */
    public String builderMethod() {
        return builderMethod;
    }

    /** The default value, or {@code null} when there is none. */
    public T defaultValue() {
        return defaultValue;
    }

    /** The default as the documentation shows it: {@code required}, {@code none}, or the value as text. */
    public String defaultText() {
        if (defaultText != null) {
            return defaultText;
        }
        return defaultValue == null ? "none" : Settings.format(defaultValue);
    }

    /** Whether the default is a value (rather than words such as "required"). */
    public boolean hasDefaultValue() {
        return defaultText == null && defaultValue != null;
    }

    /**
     * Reads the value from text.
     *
     * @throws AirbyteEmbeddedConfigException naming this setting when the text is not a valid value
     */
    public T parse(String text) {
        return parser.apply(key, text.strip());
    }

    /** The value as this setting's type, for values a binder converted. */
    @SuppressWarnings("unchecked")
    public T cast(Object value) {
        return (T) value;
    }

    /** Applies a value to the builders. */
    public void apply(Target target, T value) {
        applier.accept(target, Objects.requireNonNull(value, key));
    }

    /**
     * Checks a value the configuration's builder holds, and returns it in normal form.
     *
     * @throws AirbyteEmbeddedConfigException naming this setting
     */
    public T check(T value) {
        return check.apply(value);
    }

    /** The plugin's system property and context-param: {@code airbyte.<key>}. */
    public static String systemProperty(String name) {
        return "airbyte." + name;
    }

    /** The plugin's environment variable: {@code AIRBYTE_<KEY>}, dashes as underscores. */
    public static String environmentVariable(String name) {
        return "AIRBYTE_" + name.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    /** The Spring Boot property: {@code airbyte.embedded.<key>}. */
    public String springProperty() {
        return "airbyte.embedded." + key;
    }

    /** The key in camel case, as {@code toString()} of the configuration prints it. */
    String camelCase() {
        StringBuilder name = new StringBuilder(key.length());
        boolean upper = false;
        for (char c : key.toCharArray()) {
            if (c == '-') {
                upper = true;
            } else {
                name.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return name.toString();
    }

    @Override
    public String toString() {
        return key;
    }
}
