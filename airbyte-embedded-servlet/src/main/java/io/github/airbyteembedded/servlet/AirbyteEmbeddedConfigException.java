package io.github.airbyteembedded.servlet;

import java.util.Objects;

/**
 * Thrown when the configuration of Airbyte Embedded is invalid: a required setting is missing or a
 * value is malformed.
 *
 * <p>{@link #setting()} names the offending setting in the kebab-case form used by web.xml
 * init-params ({@code client-id}, {@code allowed-origins}, ...); the Spring Boot layer prefixes it
 * with {@code airbyte.embedded.}. The message says what is wrong and never contains the value of a
 * secret setting.
 *
 * <pre>{@code
 * try {
 *     AirbyteEmbeddedConfig.builder().build();
 * } catch (AirbyteEmbeddedConfigException e) {
 *     e.setting();   // "client-id"
 * }
 * }</pre>
 *
 * @since 0.1.0
 */
public final class AirbyteEmbeddedConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The kebab-case name of the invalid setting. */
    private final String setting;

    /**
     * Creates an exception for one setting.
     *
     * @param setting the kebab-case name of the setting, for example {@code "allowed-origins"}
     * @param message what is wrong and how to fix it; must not contain a secret value
     */
    public AirbyteEmbeddedConfigException(String setting, String message) {
        super(Objects.requireNonNull(setting, "setting") + ": " + Objects.requireNonNull(message, "message"));
        this.setting = setting;
    }

    /**
     * Returns the kebab-case name of the invalid setting.
     *
     * @return the setting name, for example {@code "client-secret"}
     */
    public String setting() {
        return setting;
    }
}
