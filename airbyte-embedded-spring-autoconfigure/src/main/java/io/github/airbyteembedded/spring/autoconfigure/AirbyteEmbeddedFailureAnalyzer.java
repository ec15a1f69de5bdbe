package io.github.airbyteembedded.spring.autoconfigure;

import io.github.airbyteembedded.servlet.AirbyteEmbeddedConfigException;
import io.github.airbyteembedded.servlet.internal.settings.Setting;
import io.github.airbyteembedded.servlet.internal.settings.Settings;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.env.Environment;

/**
 * Turns an {@link AirbyteEmbeddedConfigException} at startup into the name of the {@code
 * airbyte.embedded.*} property at fault (and its environment-variable form) and what to set it to.
 * The exception's message never holds a secret, so neither does the analysis.
 */
final class AirbyteEmbeddedFailureAnalyzer extends AbstractFailureAnalyzer<AirbyteEmbeddedConfigException> {

    static final String PREFIX = "airbyte.embedded.";

    /** The problem {@link SettingsBinding} reports for a placeholder nothing resolved; group 1 is its name. */
    private static final Pattern UNRESOLVED = Pattern.compile(Pattern.quote(SettingsBinding.UNRESOLVED) + "\\$\\{([^}]+)}"
            + Pattern.quote(SettingsBinding.UNRESOLVED_END));
    /** A comment after a value, as someone used to other formats writes one. */
    private static final Pattern INLINE_COMMENT = Pattern.compile("\\s#");

    private final Environment environment;

    /**
     * Creates the analyzer; Boot does, with the application's environment.
     *
     * @param environment the environment whose properties the analysis looks at, or {@code null}
     */
    public AirbyteEmbeddedFailureAnalyzer(Environment environment) {
        this.environment = environment;
    }

    AirbyteEmbeddedFailureAnalyzer() {
        this(null);
    }

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, AirbyteEmbeddedConfigException cause) {
        String property = propertyName(cause);
        String description = "Airbyte Embedded is not configured correctly: " + property + " " + problem(cause) + ".";
        return new FailureAnalysis(description, action(cause, property) + inlineCommentHint(cause, property), cause);
    }

    /**
     * When the property's value has {@code " #"} in it: a {@code .properties} file has no comments after
     * a value, so what was meant as one is part of the value. Never for a secret, whose value is not
     * looked at.
     */
    private String inlineCommentHint(AirbyteEmbeddedConfigException cause, String property) {
        if (environment == null || setting(cause).map(Setting::secret).orElse(false)) {
            return "";
        }
        boolean comment = Binder.get(environment).bind(property, String.class)
                .map(value -> INLINE_COMMENT.matcher(value).find()).orElse(false);
        return comment ? " The value of " + property + " has a '#' after a space: a .properties file has no inline comments, "
                + "so everything after '=' is the value, that comment included. Put the comment on a line of its own." : "";
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
        Matcher unresolved = UNRESOLVED.matcher(problem(cause));
        if (unresolved.matches()) {
            String name = unresolved.group(1);
            return "Set the environment variable " + name + " (or a property of that name), or, where the value is "
                    + "optional, give the placeholder an empty default: ${" + name + ":}. That is the form for the "
                    + "credentials when a development profile sets " + Settings.EMULATOR.springProperty() + "=true, which "
                    + "needs no client-id, client-secret or api-base-url.";
        }
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
