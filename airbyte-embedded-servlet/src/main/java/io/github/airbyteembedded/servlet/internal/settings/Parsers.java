package io.github.airbyteembedded.servlet.internal.settings;

import io.github.airbyteembedded.servlet.AirbyteEmbeddedConfigException;
import io.github.airbyteembedded.servlet.TagSelectionMode;
import io.github.airbyteembedded.servlet.WorkspaceResolver;
import java.lang.reflect.InvocationTargetException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The readers of settings' text shared by every setting of a type; each names the setting in its errors. */
final class Parsers {

    private Parsers() {
    }

    static boolean bool(String setting, String value) {
        if (value.equalsIgnoreCase("true")) {
            return true;
        }
        if (value.equalsIgnoreCase("false")) {
            return false;
        }
        throw new AirbyteEmbeddedConfigException(setting, "'" + value + "' must be true or false");
    }

    static int integer(String setting, String value) {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new AirbyteEmbeddedConfigException(setting, "'" + value + "' is not a whole number");
        }
    }

    /** Items separated by commas or white space; blank ones dropped. */
    static List<String> list(String value) {
        return Arrays.stream(value.split("[,\\s]+")).filter(item -> !item.isBlank()).toList();
    }

    static TagSelectionMode mode(String setting, String value) {
        try {
            return TagSelectionMode.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new AirbyteEmbeddedConfigException(setting, "'" + value + "' must be 'any' or 'all'");
        }
    }

    /** A {@link WorkspaceResolver} class with a public no-argument constructor, loaded by name. */
    static WorkspaceResolver resolverClass(String setting, String className) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader == null) {
            loader = Parsers.class.getClassLoader();
        }
        Class<?> type;
        try {
            type = Class.forName(className, true, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new AirbyteEmbeddedConfigException(setting, "class " + className + " could not be loaded");
        }
        if (!WorkspaceResolver.class.isAssignableFrom(type)) {
            throw new AirbyteEmbeddedConfigException(setting,
                    "class " + className + " does not implement " + WorkspaceResolver.class.getName());
        }
        try {
            return (WorkspaceResolver) type.getDeclaredConstructor().newInstance();
        } catch (NoSuchMethodException | IllegalAccessException e) {
            throw new AirbyteEmbeddedConfigException(setting, "class " + className + " needs a public no-argument constructor");
        } catch (InstantiationException | InvocationTargetException e) {
            throw new AirbyteEmbeddedConfigException(setting,
                    "class " + className + " could not be instantiated: " + e.getClass().getSimpleName());
        }
    }
}
