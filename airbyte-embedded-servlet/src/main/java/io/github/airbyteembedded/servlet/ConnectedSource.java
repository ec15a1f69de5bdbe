package io.github.airbyteembedded.servlet;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;

/**
 * A source (an Airbyte connector instance) that a user connected through the widget: its id, display
 * name, connector name and creation time. Never holds credentials.
 *
 * <pre>{@code
 * for (ConnectedSource source : airbyte.sources().list(workspaceName).join()) {
 *     out.println(source.name() + " (" + source.connector() + ")");
 * }
 * }</pre>
 *
 * @since 0.1.0
 */
public final class ConnectedSource {

    private final String id;
    private final String name;
    private final String connector;
    private final Instant createdAt;

    ConnectedSource(String id, String name, String connector, Instant createdAt) {
        this.id = Objects.requireNonNull(id, "id");
        this.name = Objects.requireNonNull(name, "name");
        this.connector = Objects.requireNonNull(connector, "connector");
        this.createdAt = createdAt;
    }

    /**
     * Reads an item of {@code GET /api/v1/integrations/connectors} ({@code ConnectorSourceListItem}).
     * Returns empty when it is not in the documented format: not an object, no text {@code id} or {@code
     * name}, or a field read here of another type than documented. An unreadable {@code created_at}
     * text is taken as unknown.
     */
    static Optional<ConnectedSource> fromListItem(JsonNode item) {
        if (item == null || !item.isObject()) {
            return Optional.empty();
        }
        Optional<String> id = Json.text(item, "id");
        Optional<String> name = Json.text(item, "name");
        JsonNode template = item.path("summarized_source_template");
        boolean templateReadable = template.isMissingNode() || template.isNull()
                || (template.isObject() && isTextOrNull(template, "name") && isTextOrNull(template, "connector_name"));
        if (id.isEmpty() || name.isEmpty() || !templateReadable || !isTextOrNull(item, "created_at")) {
            return Optional.empty();
        }
        String connector = Json.text(template, "name").or(() -> Json.text(template, "connector_name")).orElse("");
        Instant created = Json.text(item, "created_at").flatMap(ConnectedSource::instant).orElse(null);
        return Optional.of(new ConnectedSource(id.get(), name.get(), connector, created));
    }

    /** Whether {@code object.field} is absent, null or text. */
    private static boolean isTextOrNull(JsonNode object, String field) {
        JsonNode value = object.get(field);
        return value == null || value.isNull() || value.isTextual();
    }

    private static Optional<Instant> instant(String text) {
        try {
            return Optional.of(OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeParseException e) {
            try {
                return Optional.of(Instant.parse(text));
            } catch (DateTimeParseException again) {
                return Optional.empty();
            }
        }
    }

    /**
     * Returns the source's id in Airbyte.
     *
     * @return the id, a UUID
     */
    public String id() {
        return id;
    }

    /**
     * Returns the source's display name, such as {@code "GitHub - 1f0c..."}.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * Returns the name of the connector (source template) the source was created from, such as
     * {@code "GitHub"}.
     *
     * @return the connector name, empty when Airbyte gave none
     */
    public String connector() {
        return connector;
    }

    /**
     * Returns when the source was created.
     *
     * @return the creation instant, or empty when Airbyte gave none
     */
    public Optional<Instant> createdAt() {
        return Optional.ofNullable(createdAt);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ConnectedSource source && id.equals(source.id) && name.equals(source.name)
                && connector.equals(source.connector) && Objects.equals(createdAt, source.createdAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, name, connector, createdAt);
    }

    @Override
    public String toString() {
        return "ConnectedSource{id=" + id + ", name=" + name + ", connector=" + connector + ", createdAt=" + createdAt + "}";
    }
}
