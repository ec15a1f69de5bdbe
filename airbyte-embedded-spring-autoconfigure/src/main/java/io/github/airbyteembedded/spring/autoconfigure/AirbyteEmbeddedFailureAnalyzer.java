package io.github.airbyteembedded.spring.autoconfigure;

import io.github.airbyteembedded.servlet.AirbyteEmbeddedConfigException;
import java.util.Locale;
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

    /** The property for a setting of the core or of this module. */
    static String propertyName(AirbyteEmbeddedConfigException cause) {
        String setting = cause.setting();
        String relative = switch (setting) {
            case "rate-limit" -> cause.getMessage().contains("period") ? "rate-limit.period" : "rate-limit.permits";
            case "rate-limit-max-tracked-users" -> "rate-limit.max-tracked-users";
            case "sources-list-rate-limit" -> cause.getMessage().contains("period")
                    ? "sources.list-rate-limit.period" : "sources.list-rate-limit.permits";
            case "sources-change-rate-limit" -> cause.getMessage().contains("period")
                    ? "sources.change-rate-limit.period" : "sources.change-rate-limit.permits";
            case "source-routes" -> "sources.enabled";
            case "sources-path" -> "sources.path";
            case "source-events-path" -> "sources.events-path";
            case "widget-version" -> "widget.version";
            case "widget-cdn-base" -> "widget.cdn-base";
            case "widget-integrity" -> "widget.integrity";
            case "widget-style-hash" -> "widget.style-hash";
            case "widget-page-origin" -> "widget.page-origin";
            default -> setting;
        };
        return PREFIX + relative;
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
        String setting = cause.setting();
        String where = " (in application.properties, or the environment variable " + environmentVariable(property) + ")";
        return switch (setting) {
            case "client-id" -> "Set " + property + where + " to the client id of your Airbyte application, or set "
                    + PREFIX + "emulator.enabled=true, with airbyte-embedded-testkit on the classpath, to develop "
                    + "against the local emulator.";
            case "client-secret" -> "Set " + property + " from the environment, for example " + property
                    + "=${AIRBYTE_CLIENT_SECRET}, or the environment variable " + environmentVariable(property)
                    + ". Never commit the secret.";
            case "allowed-origins" -> "Set " + property + where + " to the comma-separated origins of the pages that "
                    + "show the widget, exactly as browsers send them in the Origin header: scheme, host and port "
                    + "only, such as https://app.example.com or http://localhost:8080.";
            case "emulator.enabled" -> "Add io.github.airbyteembedded:airbyte-embedded-testkit to the application's "
                    + "development dependencies, or set " + property + "=false.";
            case "emulator.port" -> "Set " + property + " to a free port, or to 0 to pick a free port at every start.";
            case "security.workspace-claim" -> "Add spring-boot-starter-oauth2-client (or -oauth2-resource-server), "
                    + "set " + property + " to the claim that names the user's workspace, or remove it to use the "
                    + "principal's name.";
            case "widget-integrity" -> "Set " + property + " to the published script's hash (sha384-...; the "
                    + "page documentation says how to compute it from the npm package), to compute for a copy "
                    + "served by the application or the emulator, or to none.";
            case "workspace.pseudonym-key" -> "Set " + property + " from the environment to a random secret of at "
                    + "least 32 characters, and keep it stable: changing it gives every user a new, empty workspace.";
            default -> "Correct " + property + where + "; its description in your IDE or in the Airbyte Embedded "
                    + "property table says what it accepts.";
        };
    }
}
