package io.github.airbyteembedded.spring.autoconfigure;

import io.github.airbyteembedded.servlet.AirbyteEmbeddedConfigException;
import io.github.airbyteembedded.servlet.internal.settings.Setting;
import io.github.airbyteembedded.servlet.internal.settings.Settings;
import java.util.Locale;
import java.util.Optional;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns an {@link AirbyteEmbeddedConfigException} at startup into the name of the {@code
 * airbyte.embedded.*} property at fault (and its environment-variable form) and what to set it to.
 * The exception's message never holds a secret, so neither does the analysis.
 */
final class AirbyteEmbeddedFailureAnalyzer extends AbstractFailureAnalyzer<AirbyteEmbeddedConfigException> {

    static final String PREFIX = "airbyte.embedded.";

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, AirbyteEmbeddedConfigException cause) {
        String property = propertyName(cause);
        String description = "Airbyte Embedded is not configured correctly: " + property + " " + problem(cause) + ".";
        return new FailureAnalysis(description, action(cause, property), cause);
    }

    /**
     * The property of the setting at fault: {@code airbyte.embedded.<key>} for a setting of the core's
     * table (found by the setting, never by the words of the message), or the property of this module's
     * own setting ({@code security.workspace-claim}, {@code emulator-port}).
     */
    static String propertyName(AirbyteEmbeddedConfigException cause) {
        return setting(cause).map(Setting::springProperty).orElse(PREFIX + cause.setting());
    }

    private static Optional<Setting<?>> setting(AirbyteEmbeddedConfigException cause) {
        return Settings.named(cause.setting());
    }

    /** Boot's environment-variable form of a property: upper case, dots to underscores, no dashes. */
    static String environmentVariable(String property) {
        return property.replace("-", "").replace('.', '_').toUpperCase(Locale.ROOT);
    }

    private static String problem(AirbyteEmbeddedConfigException cause) {
        String message = cause.getMessage();
        String lead = cause.setting() + ": ";
        return message.startsWith(lead) ? message.substring(lead.length()) : message;
    }

    private static String action(AirbyteEmbeddedConfigException cause, String property) {
        String where = " (in application.properties, or the environment variable " + environmentVariable(property) + ")";
        Setting<?> setting = setting(cause).orElse(null);
        if (setting == Settings.CLIENT_ID) {
            return "Set " + property + where + " to the client id of your Airbyte application, or set "
                    + Settings.EMULATOR.springProperty() + "=true, with airbyte-embedded-testkit on the classpath, to develop "
                    + "against the local emulator.";
        }
        if (setting == Settings.CLIENT_SECRET) {
            return "Set " + property + " from the environment, for example " + property
                    + "=${AIRBYTE_CLIENT_SECRET}, or the environment variable " + environmentVariable(property)
                    + ". Never commit the secret.";
        }
        if (setting == Settings.ALLOWED_ORIGINS) {
            return "Set " + property + where + " to the comma-separated origins of the pages that "
                    + "show the widget, exactly as browsers send them in the Origin header: scheme, host and port "
                    + "only, such as https://app.example.com or http://localhost:8080.";
        }
        if (setting == Settings.EMULATOR) {
            return "Add io.github.airbyteembedded:airbyte-embedded-testkit to the application's "
                    + "development dependencies, or set " + property + "=false.";
        }
        if (setting == Settings.WIDGET_INTEGRITY) {
            return "Set " + property + " to the published script's hash (sha384-...; docs/page-side.md, \"The SRI hash\", "
                    + "says how to compute it from the npm package), to compute for a copy served by the application or "
                    + "the emulator, or to none.";
        }
        if (setting == Settings.WORKSPACE_PSEUDONYM_KEY) {
            return "Set " + property + " from the environment to a random secret of at least 32 characters, and keep "
                    + "it stable: changing it gives every user a new, empty workspace.";
        }
        return switch (cause.setting()) {
            case "emulator-port" -> "Set " + property + " to a free port, or to 0 to pick a free port at every start.";
            case "security.workspace-claim" -> "Add spring-boot-starter-oauth2-client (or -oauth2-resource-server), "
                    + "set " + property + " to the claim that names the user's workspace, or remove it to use the "
                    + "principal's name.";
            default -> "Correct " + property + where + "; its description in your IDE or in the settings "
                    + "reference (docs/settings.md) says what it accepts.";
        };
    }
}
