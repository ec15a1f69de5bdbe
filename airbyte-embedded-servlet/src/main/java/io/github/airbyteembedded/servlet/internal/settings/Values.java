package io.github.airbyteembedded.servlet.internal.settings;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Values of settings, each of its setting's type: the ones a reader was given, or the ones the
 * configuration's builder holds (its defaults, then what was set). Not thread-safe; the configuration
 * keeps a copy it never changes.
 */
public final class Values {

    private final Map<Setting<?>, Object> values;

    private Values(Map<Setting<?>, Object> values) {
        this.values = values;
    }

    /** No values. */
    public static Values none() {
        return new Values(new LinkedHashMap<>());
    }

    /** The defaults of these settings (those that have one). */
    public static Values defaults(List<Setting<?>> settings) {
        Values defaults = none();
        for (Setting<?> setting : settings) {
            if (setting.defaultValue() != null) {
                defaults.values.put(setting, setting.defaultValue());
            }
        }
        return defaults;
    }

    /** Whether a value was given for the setting. */
    public boolean has(Setting<?> setting) {
        return values.containsKey(setting);
    }

    /** The value of a setting, or {@code null} when none was given. */
    public <T> T get(Setting<T> setting) {
        return setting.cast(values.get(setting));
    }

    /** The value of a setting, or its default. */
    public <T> T getOrDefault(Setting<T> setting) {
        return has(setting) ? get(setting) : setting.defaultValue();
    }

    /** Sets the value of a setting; {@code null} removes it. */
    public <T> void put(Setting<T> setting, T value) {
        if (value == null) {
            values.remove(setting);
        } else {
            values.put(setting, value);
        }
    }

    /** A copy that changes apart from this one. */
    public Values copy() {
        return new Values(new LinkedHashMap<>(values));
    }

    /**
     * These values checked by their settings, in the order of {@code settings}: each in normal form.
     *
     * @throws io.github.airbyteembedded.servlet.AirbyteEmbeddedConfigException naming the first bad one
     */
    public Values checked(List<Setting<?>> settings) {
        Values checked = none();
        for (Setting<?> setting : settings) {
            checkInto(setting, checked);
        }
        return checked;
    }

    private <T> void checkInto(Setting<T> setting, Values checked) {
        checked.put(setting, setting.check(get(setting)));
    }

    /** Names the settings, never their values (a secret may be among them). */
    @Override
    public String toString() {
        return "Values" + values.keySet();
    }
}
