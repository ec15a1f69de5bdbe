package io.github.airbyteembedded.testkit;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A snapshot of one connection: created with a source when a {@link ConnectionTemplate} applies.
 *
 * <pre>{@code
 * EmulatorConnection c = emulator.workspace("alice").orElseThrow().connections().get(0);
 * assertEquals("Warehouse", c.destinationName());
 * }</pre>
 *
 * @param id the connection id
 * @param sourceId the source it reads from
 * @param connectionTemplateId the template it was created from
 * @param destinationName the destination it writes to
 * @param createdAt when it was created (emulator clock)
 * @since 0.1.0
 */
public record EmulatorConnection(UUID id, UUID sourceId, UUID connectionTemplateId, String destinationName,
        Instant createdAt) {

    /**
     * Rejects nulls.
     *
     * @param id see the record description
     * @param sourceId see the record description
     * @param connectionTemplateId see the record description
     * @param destinationName see the record description
     * @param createdAt see the record description
     */
    public EmulatorConnection {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(sourceId, "sourceId");
        Objects.requireNonNull(connectionTemplateId, "connectionTemplateId");
        Objects.requireNonNull(destinationName, "destinationName");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
