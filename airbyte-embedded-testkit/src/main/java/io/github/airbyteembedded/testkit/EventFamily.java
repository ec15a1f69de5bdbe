package io.github.airbyteembedded.testkit;

/**
 * Which names the emulator's widget page uses for the {@code end_user_action_result} messages it posts.
 * Which family the live service sends is not settled, so host code should accept
 * both and tests can run against either.
 *
 * <pre>{@code
 * AirbyteEmulator emulator = AirbyteEmulator.builder()
 *     .eventFamily(EventFamily.PARTIAL_USER_CONFIG)
 *     .build().start();
 * }</pre>
 *
 * @since 0.1.0
 */
public enum EventFamily {

    /** {@code source_created}, {@code source_updated}, {@code source_create_error}, {@code source_update_error}: the current docs (default). */
    SOURCE("source"),

    /**
     * {@code partial_user_config_created}, {@code partial_user_config_updated},
     * {@code partial_user_config_create_error}, {@code partial_user_config_update_error}: the open-source
     * webapp and the older widget README.
     */
    PARTIAL_USER_CONFIG("partial_user_config");

    private final String prefix;

    EventFamily(String prefix) {
        this.prefix = prefix;
    }

    /**
     * The message prefix, {@code "source"} or {@code "partial_user_config"}; the page appends
     * {@code _created}, {@code _updated}, {@code _create_error} or {@code _update_error}.
     *
     * @return the prefix
     */
    public String prefix() {
        return prefix;
    }
}
