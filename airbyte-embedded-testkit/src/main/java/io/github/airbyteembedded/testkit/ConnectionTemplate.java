package io.github.airbyteembedded.testkit;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A connection template of the emulator: a destination plus a schedule. When one is configured,
 * every source created in a workspace also gets a connection to that destination (the seed's "If you
 * configured data replication, Airbyte creates a connection between this connector and your configured
 * destination"), subject to the widget token's {@code selected_connection_template_tags}.
 *
 * <pre>{@code
 * AirbyteEmulator emulator = AirbyteEmulator.builder()
 *     .connectionTemplates(List.of(ConnectionTemplate.builder("Warehouse").cronExpression("0 0 * * *").build()))
 *     .build().start();
 * }</pre>
 *
 * @since 0.1.0
 */
public final class ConnectionTemplate {

    private final UUID id;
    private final String destinationName;
    private final String cronExpression;
    private final List<String> tags;

    private ConnectionTemplate(Builder builder) {
        this.destinationName = builder.destinationName;
        this.id = builder.id != null ? builder.id
                : UUID.nameUUIDFromBytes(("connection-template:" + destinationName).getBytes(StandardCharsets.UTF_8));
        this.cronExpression = builder.cronExpression;
        this.tags = List.copyOf(builder.tags);
    }

    /**
     * Starts a connection template to the named destination.
     *
     * @param destinationName the destination's name, for example {@code "Warehouse"}
     * @return a new builder
     * @throws IllegalArgumentException if the name is blank
     */
    public static Builder builder(String destinationName) {
        Objects.requireNonNull(destinationName, "destinationName");
        if (destinationName.isBlank()) {
            throw new IllegalArgumentException("destinationName is blank");
        }
        return new Builder(destinationName);
    }

    /** {@return the template id (derived from the destination name unless set)} */
    public UUID id() {
        return id;
    }

    /** {@return the destination name} */
    public String destinationName() {
        return destinationName;
    }

    /** {@return the sync schedule, if any} */
    public Optional<String> cronExpression() {
        return Optional.ofNullable(cronExpression);
    }

    /** {@return the tags that {@code selected_connection_template_tags} filter on} */
    public List<String> tags() {
        return tags;
    }

    @Override
    public String toString() {
        return "ConnectionTemplate{" + destinationName + ", id=" + id + ", tags=" + tags + "}";
    }

    /**
     * Builds a {@link ConnectionTemplate}.
     *
     * @since 0.1.0
     */
    public static final class Builder {
        private final String destinationName;
        private UUID id;
        private String cronExpression;
        private List<String> tags = List.of();

        private Builder(String destinationName) {
            this.destinationName = destinationName;
        }

        /**
         * Sets the template id.
         *
         * @param id the template id
         * @return this builder
         */
        public Builder id(UUID id) {
            this.id = Objects.requireNonNull(id, "id");
            return this;
        }

        /**
         * Sets the sync schedule.
         *
         * @param cronExpression the sync schedule, for example {@code "0 0 * * *"}
         * @return this builder
         */
        public Builder cronExpression(String cronExpression) {
            this.cronExpression = Objects.requireNonNull(cronExpression, "cronExpression");
            return this;
        }

        /**
         * Sets the template's tags.
         *
         * @param tags the template's tags
         * @return this builder
         */
        public Builder tags(String... tags) {
            this.tags = List.copyOf(Arrays.asList(tags));
            return this;
        }

        /** {@return the template} */
        public ConnectionTemplate build() {
            return new ConnectionTemplate(this);
        }
    }
}
