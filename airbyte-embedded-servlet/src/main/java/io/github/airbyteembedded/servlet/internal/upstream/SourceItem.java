package io.github.airbyteembedded.servlet.internal.upstream;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;

/**
 * A source as Airbyte's connectors API lists it: id, name, the connector (source template) it was
 * created from, and when, if Airbyte says.
 *
 * @param id the source's id
 * @param name its display name
 * @param connector the connector's name, empty when Airbyte gave none
 * @param createdAt when it was created, or {@code null} when unknown
 */
public record SourceItem(String id, String name, String connector, Instant createdAt) {

    /** Checks the fields. */
    public SourceItem {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(connector, "connector");
    }

    /**
     * Reads an item of {@code GET /api/v1/integrations/connectors} ({@code ConnectorSourceListItem}).
     * Returns empty when it is not in the documented format: not an object, no text {@code id} or {@code
     * name}, or a field read here of another type than documented. An unreadable {@code created_at}
     * text is taken as unknown.
     */
    public static Optional<SourceItem> fromListItem(JsonNode item) {
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
        Instant created = Json.text(item, "created_at").flatMap(SourceItem::instant).orElse(null);
        return Optional.of(new SourceItem(id.get(), name.get(), connector, created));
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
}
