package io.github.airbyteembedded.testkit;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A snapshot of one workspace of the emulator and what it holds. Workspaces are created by widget-token
 * requests (one per {@code workspace_name}) and cleared by {@link AirbyteEmulator#reset()}.
 *
 * <pre>{@code
 * EmulatorWorkspace ws = emulator.workspace("alice").orElseThrow();
 * assertEquals(1, ws.sources().size());
 * }</pre>
 *
 * @param id the workspace id (the widget token's {@code workspaceId})
 * @param name the workspace name the widget token was requested for
 * @param regionId the {@code region_id} of the request that created it (US when none was given)
 * @param sources the sources (connectors) created in it, oldest first
 * @param connections the connections created for those sources, oldest first
 * @since 0.1.0
 */
public record EmulatorWorkspace(UUID id, String name, UUID regionId, List<EmulatorSource> sources,
        List<EmulatorConnection> connections) {

    /**
     * Copies the lists; rejects nulls.
     *
     * @param id see the record description
     * @param name see the record description
     * @param regionId see the record description
     * @param sources see the record description
     * @param connections see the record description
     */
    public EmulatorWorkspace {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(regionId, "regionId");
        sources = List.copyOf(sources);
        connections = List.copyOf(connections);
    }

    /**
     * Finds a source of this workspace.
     *
     * @param sourceId the source id
     * @return the source, or empty
     */
    public Optional<EmulatorSource> source(UUID sourceId) {
        return sources.stream().filter(s -> s.id().equals(sourceId)).findFirst();
    }
}
