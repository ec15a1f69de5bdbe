package io.github.airbyteembedded.testkit;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * A snapshot of one source (a configured connector) held by the emulator, with its configuration
 * redacted: every field the connector's spec marks {@code airbyte_secret} reads {@code "**********"}.
 *
 * <pre>{@code
 * EmulatorSource source = emulator.workspace("alice").orElseThrow().sources().get(0);
 * assertEquals("github", source.connectorName());
 * }</pre>
 *
 * @param id the source id
 * @param name the source name, for example {@code "GitHub - 5b1c…"}
 * @param workspaceId the workspace that holds it
 * @param sourceTemplateId the template (enabled connector) it was created from
 * @param connectorName the connector slug, for example {@code "github"}
 * @param replicationConfig the configuration, secrets redacted, as plain Java values
 * @param createdAt when it was created (emulator clock)
 * @param updatedAt when it was last updated (emulator clock)
 * @since 0.1.0
 */
public record EmulatorSource(UUID id, String name, UUID workspaceId, UUID sourceTemplateId, String connectorName,
        Map<String, Object> replicationConfig, Instant createdAt, Instant updatedAt) {

    /**
     * Rejects nulls.
     *
     * @param id see the record description
     * @param name see the record description
     * @param workspaceId see the record description
     * @param sourceTemplateId see the record description
     * @param connectorName see the record description
     * @param replicationConfig see the record description
     * @param createdAt see the record description
     * @param updatedAt see the record description
     */
    public EmulatorSource {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(sourceTemplateId, "sourceTemplateId");
        Objects.requireNonNull(connectorName, "connectorName");
        Objects.requireNonNull(replicationConfig, "replicationConfig");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }
}
