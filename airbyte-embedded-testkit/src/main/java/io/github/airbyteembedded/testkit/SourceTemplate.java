package io.github.airbyteembedded.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * An enabled connector of the emulator (a "source template"): what the widget page lists and the
 * credential form it renders from {@link #connectionSpecificationJson() the connector's spec}.
 *
 * <pre>{@code
 * SourceTemplate jira = SourceTemplate.builder()
 *     .name("Jira").connectorName("jira")
 *     .tags("engineering")
 *     .connectionSpecificationJson("""
 *         {"type": "object", "required": ["api_token"],
 *          "properties": {"api_token": {"type": "string", "title": "API token", "airbyte_secret": true}}}
 *         """)
 *     .build();
 * AirbyteEmulator emulator = AirbyteEmulator.builder().sourceTemplates(List.of(jira)).build().start();
 * }</pre>
 *
 * <p>The form supports {@code string} (with {@code enum}, {@code airbyte_secret}, {@code default}),
 * {@code integer}, {@code number}, {@code boolean} and arrays of strings (entered comma-separated).
 * {@link #defaults()} gives GitHub, Stripe, Postgres and HubSpot; {@link #listFromJson(String)} reads
 * templates in the spec's {@code DetailedSourceTemplate} shape, which is what the standalone emulator's
 * {@code --templates} option loads.
 *
 * @since 0.1.0
 */
public final class SourceTemplate {

    private static final Set<String> MODES = Set.of("DIRECT", "REPLICATION", "MULTI");

    private final UUID id;
    private final String name;
    private final String connectorName;
    private final UUID definitionId;
    private final String icon;
    private final List<String> tags;
    private final String mode;
    private final String documentationUrl;
    private final ObjectNode connectionSpecification;

    private SourceTemplate(Builder builder) {
        this.name = builder.name;
        this.connectorName = builder.connectorName != null ? builder.connectorName : slug(builder.name);
        this.id = builder.id != null ? builder.id
                : UUID.nameUUIDFromBytes(("source-template:" + this.connectorName).getBytes(StandardCharsets.UTF_8));
        this.definitionId = builder.definitionId != null ? builder.definitionId
                : UUID.nameUUIDFromBytes(("source-definition:" + this.connectorName).getBytes(StandardCharsets.UTF_8));
        this.icon = builder.icon;
        this.tags = List.copyOf(builder.tags);
        this.mode = builder.mode;
        this.documentationUrl = builder.documentationUrl;
        this.connectionSpecification = builder.connectionSpecification.deepCopy();
    }

    /**
     * Starts a template; {@link Builder#name(String)} and {@link Builder#connectionSpecificationJson(String)}
     * are required.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The emulator's default enabled connectors: GitHub, Stripe, Postgres and HubSpot, with specs modelled
     * on the real connectors' (secrets marked {@code airbyte_secret}).
     *
     * @return an unmodifiable list of the four templates
     */
    public static List<SourceTemplate> defaults() {
        return Defaults.TEMPLATES;
    }

    /**
     * Reads templates from JSON: an array of objects in the spec's {@code DetailedSourceTemplate} shape
     * ({@code id}, {@code name}, {@code connector_name}, {@code source_definition_id}, {@code icon},
     * {@code tags}, {@code mode}, {@code user_config_spec.connectionSpecification}); only {@code name} and
     * {@code user_config_spec.connectionSpecification} are required.
     *
     * @param json the JSON array
     * @return the templates, in order
     * @throws IllegalArgumentException if the text is not such an array; the message names the entry
     */
    public static List<SourceTemplate> listFromJson(String json) {
        Objects.requireNonNull(json, "json");
        JsonNode root = Json.parse(json).orElseThrow(() -> new IllegalArgumentException("templates: not JSON"));
        if (!root.isArray()) {
            throw new IllegalArgumentException("templates: expected a JSON array");
        }
        List<SourceTemplate> result = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) {
            JsonNode node = root.get(i);
            try {
                result.add(fromNode(node));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("templates[" + i + "]: " + e.getMessage(), e);
            }
        }
        return List.copyOf(result);
    }

    private static SourceTemplate fromNode(JsonNode node) {
        if (!node.isObject()) {
            throw new IllegalArgumentException("expected an object");
        }
        Builder builder = builder().name(text(node, "name").orElse(null));
        text(node, "id").map(UUID::fromString).ifPresent(builder::id);
        text(node, "connector_name").ifPresent(builder::connectorName);
        text(node, "source_definition_id").map(UUID::fromString).ifPresent(builder::definitionId);
        text(node, "icon").ifPresent(builder::icon);
        text(node, "mode").ifPresent(builder::mode);
        JsonNode tags = node.path("tags");
        if (tags.isArray()) {
            List<String> values = new ArrayList<>();
            tags.forEach(tag -> values.add(tag.asText()));
            builder.tags(values);
        }
        JsonNode spec = node.path("user_config_spec");
        text(spec, "documentationUrl").ifPresent(builder::documentationUrl);
        JsonNode connectionSpecification = spec.path("connectionSpecification");
        if (!connectionSpecification.isObject()) {
            throw new IllegalArgumentException("user_config_spec.connectionSpecification is required");
        }
        builder.connectionSpecification = (ObjectNode) connectionSpecification;
        return builder.build();
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value.asText());
    }

    private static String slug(String name) {
        return name.strip().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }

    /** {@return the template id (stable: derived from the connector name unless set)} */
    public UUID id() {
        return id;
    }

    /** {@return the display name, for example {@code "GitHub"}} */
    public String name() {
        return name;
    }

    /** {@return the connector slug, for example {@code "github"}} */
    public String connectorName() {
        return connectorName;
    }

    /** {@return the connector (actor) definition id} */
    public UUID definitionId() {
        return definitionId;
    }

    /** {@return the tags that widget tokens' {@code selected_source_template_tags} filter on} */
    public List<String> tags() {
        return tags;
    }

    /** {@return {@code DIRECT}, {@code REPLICATION} (the default) or {@code MULTI}} */
    public String mode() {
        return mode;
    }

    /** {@return the JSON Schema of the connector's configuration, as JSON text} */
    public String connectionSpecificationJson() {
        return Json.write(connectionSpecification);
    }

    ObjectNode connectionSpecification() {
        return connectionSpecification;
    }

    Optional<String> icon() {
        return Optional.ofNullable(icon);
    }

    Optional<String> documentationUrl() {
        return Optional.ofNullable(documentationUrl);
    }

    @Override
    public String toString() {
        return "SourceTemplate{" + name + ", id=" + id + ", tags=" + tags + "}";
    }

    /**
     * Builds a {@link SourceTemplate}.
     *
     * @since 0.1.0
     */
    public static final class Builder {
        private UUID id;
        private String name;
        private String connectorName;
        private UUID definitionId;
        private String icon;
        private List<String> tags = List.of();
        private String mode = "REPLICATION";
        private String documentationUrl;
        private ObjectNode connectionSpecification;

        private Builder() {
        }

        /**
         * Sets the template id.
         *
         * @param id the template id; defaults to a UUID derived from the connector name
         * @return this builder
         */
        public Builder id(UUID id) {
            this.id = Objects.requireNonNull(id, "id");
            return this;
        }

        /**
         * Sets the display name.
         *
         * @param name the display name (required, not blank)
         * @return this builder
         */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /**
         * Sets the connector slug.
         *
         * @param connectorName the connector slug; defaults to the name in lower case with dashes
         * @return this builder
         */
        public Builder connectorName(String connectorName) {
            this.connectorName = Objects.requireNonNull(connectorName, "connectorName");
            return this;
        }

        /**
         * Sets the connector definition id.
         *
         * @param definitionId the connector definition id; defaults to a UUID derived from the connector name
         * @return this builder
         */
        public Builder definitionId(UUID definitionId) {
            this.definitionId = Objects.requireNonNull(definitionId, "definitionId");
            return this;
        }

        /**
         * Sets an icon URL.
         *
         * @param icon an icon URL (or {@code data:} URI), shown by the widget page
         * @return this builder
         */
        public Builder icon(String icon) {
            this.icon = Objects.requireNonNull(icon, "icon");
            return this;
        }

        /**
         * Sets the template's tags.
         *
         * @param tags the template's tags
         * @return this builder
         */
        public Builder tags(String... tags) {
            return tags(Arrays.asList(tags));
        }

        /**
         * Sets the template's tags.
         *
         * @param tags the template's tags
         * @return this builder
         */
        public Builder tags(List<String> tags) {
            this.tags = List.copyOf(tags);
            return this;
        }

        /**
         * Sets the mode.
         *
         * @param mode {@code DIRECT}, {@code REPLICATION} or {@code MULTI}
         * @return this builder
         * @throws IllegalArgumentException for any other value
         */
        public Builder mode(String mode) {
            if (!MODES.contains(mode)) {
                throw new IllegalArgumentException("mode must be one of " + MODES);
            }
            this.mode = mode;
            return this;
        }

        /**
         * Sets the connector's documentation URL.
         *
         * @param documentationUrl the connector's documentation URL
         * @return this builder
         */
        public Builder documentationUrl(String documentationUrl) {
            this.documentationUrl = Objects.requireNonNull(documentationUrl, "documentationUrl");
            return this;
        }

        /**
         * Sets the JSON Schema of the configuration.
         *
         * @param json the JSON Schema of the configuration: an object with {@code "type": "object"},
         *     {@code properties} and optionally {@code required}
         * @return this builder
         * @throws IllegalArgumentException if it is not a JSON object
         */
        public Builder connectionSpecificationJson(String json) {
            JsonNode node = Json.parse(Objects.requireNonNull(json, "json")).orElse(null);
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException("connectionSpecification must be a JSON object");
            }
            this.connectionSpecification = (ObjectNode) node;
            return this;
        }

        /**
         * Builds the template.
         *
         * @return the template
         * @throws IllegalStateException if the name or the connection specification is missing, or the
         *     specification's {@code properties} is not an object
         */
        public SourceTemplate build() {
            if (name == null || name.isBlank()) {
                throw new IllegalStateException("name is required");
            }
            if (connectionSpecification == null) {
                throw new IllegalStateException("connectionSpecification is required");
            }
            if (connectionSpecification.has("properties") && !connectionSpecification.get("properties").isObject()) {
                throw new IllegalStateException("connectionSpecification.properties must be an object");
            }
            if (!connectionSpecification.has("type")) {
                connectionSpecification = connectionSpecification.deepCopy().put("type", "object");
            }
            if (!connectionSpecification.has("properties")) {
                ObjectNode copy = connectionSpecification.deepCopy();
                copy.putObject("properties");
                connectionSpecification = copy;
            }
            if (!connectionSpecification.has("required")) {
                ObjectNode copy = connectionSpecification.deepCopy();
                copy.set("required", Json.array());
                connectionSpecification = copy;
            } else if (!(connectionSpecification.get("required") instanceof ArrayNode)) {
                throw new IllegalStateException("connectionSpecification.required must be an array");
            }
            return new SourceTemplate(this);
        }
    }

    private static final class Defaults {
        static final List<SourceTemplate> TEMPLATES = load();

        private static List<SourceTemplate> load() {
            try (InputStream in = SourceTemplate.class.getResourceAsStream("default-source-templates.json")) {
                if (in == null) {
                    throw new IllegalStateException("default-source-templates.json is missing from the jar");
                }
                return listFromJson(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
