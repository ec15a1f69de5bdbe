package io.github.airbyteembedded.testkit;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Workspaces, sources and connections; every method holds one lock, so each call is atomic. */
final class EmulatorState {

    static final UUID US_REGION = UUID.fromString("645a183f-b12b-4c6e-8ad3-99e165603450");

    record Workspace(UUID id, String name, UUID regionId) {
    }

    /** A source with its full configuration (secrets included); never handed out without redaction. */
    record Source(UUID id, UUID workspaceId, String name, SourceTemplate template, ObjectNode config,
            JsonNode entities, Instant createdAt, Instant updatedAt) {
        @Override
        public String toString() {
            return "Source{" + id + ", " + name + "}";
        }
    }

    record Connection(UUID id, UUID workspaceId, UUID sourceId, ConnectionTemplate template, Instant createdAt) {
    }

    private final Map<UUID, Workspace> workspaces = new LinkedHashMap<>();
    private final Map<String, UUID> workspaceIdsByName = new HashMap<>();
    private final Map<UUID, Source> sources = new LinkedHashMap<>();
    private final Map<UUID, Connection> connections = new LinkedHashMap<>();
    /** Sources deleted asynchronously, with when they are gone. */
    private final Map<UUID, Instant> deletions = new HashMap<>();
    private final Clock clock;

    EmulatorState(Clock clock) {
        this.clock = clock;
    }

    /** Removes the sources whose asynchronous deletion is due; every method that reads sources calls it first. */
    private void completeDueDeletions() {
        if (deletions.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        deletions.entrySet().removeIf(deletion -> {
            if (deletion.getValue().isAfter(now)) {
                return false;
            }
            deleteSource(deletion.getKey());
            return true;
        });
    }

    /** Deletes a source after {@code listedFor} (at once when zero); false when there is no such source. */
    synchronized boolean deleteSource(UUID id, Duration listedFor) {
        completeDueDeletions();
        if (listedFor.isZero()) {
            deletions.remove(id);
            return deleteSource(id);
        }
        if (!sources.containsKey(id)) {
            return false;
        }
        deletions.putIfAbsent(id, clock.instant().plus(listedFor));
        return true;
    }

    /** Returns the workspace with this name, creating it (in the given region) when there is none. */
    synchronized Workspace workspaceFor(String name, UUID regionId) {
        UUID existing = workspaceIdsByName.get(name);
        if (existing != null) {
            return workspaces.get(existing);
        }
        Workspace created = new Workspace(UUID.randomUUID(), name, regionId == null ? US_REGION : regionId);
        workspaces.put(created.id(), created);
        workspaceIdsByName.put(name, created.id());
        return created;
    }

    synchronized Optional<Workspace> workspace(UUID id) {
        return Optional.ofNullable(workspaces.get(id));
    }

    synchronized Optional<Workspace> workspaceNamed(String name) {
        return Optional.ofNullable(workspaceIdsByName.get(name)).map(workspaces::get);
    }

    synchronized Source addSource(Source source, List<ConnectionTemplate> connectionTemplates) {
        sources.put(source.id(), source);
        for (ConnectionTemplate template : connectionTemplates) {
            Connection connection = new Connection(UUID.randomUUID(), source.workspaceId(), source.id(), template,
                    source.createdAt());
            connections.put(connection.id(), connection);
        }
        return source;
    }

    synchronized Optional<Source> source(UUID id) {
        completeDueDeletions();
        return Optional.ofNullable(sources.get(id));
    }

    /** Sources of one workspace, or of all workspaces when {@code workspaceId} is null; oldest first. */
    synchronized List<Source> sources(UUID workspaceId) {
        completeDueDeletions();
        List<Source> result = new ArrayList<>();
        for (Source source : sources.values()) {
            if (workspaceId == null || source.workspaceId().equals(workspaceId)) {
                result.add(source);
            }
        }
        return result;
    }

    synchronized Optional<Source> replaceSource(Source updated) {
        completeDueDeletions();
        if (!sources.containsKey(updated.id())) {
            return Optional.empty();
        }
        sources.put(updated.id(), updated);
        return Optional.of(updated);
    }

    /** Deletes a source and its connections now; false when there was no such source. */
    private boolean deleteSource(UUID id) {
        if (sources.remove(id) == null) {
            return false;
        }
        connections.values().removeIf(connection -> connection.sourceId().equals(id));
        return true;
    }

    synchronized void clear() {
        deletions.clear();
        workspaces.clear();
        workspaceIdsByName.clear();
        sources.clear();
        connections.clear();
    }

    synchronized List<EmulatorWorkspace> snapshot() {
        completeDueDeletions();
        List<EmulatorWorkspace> result = new ArrayList<>();
        for (Workspace workspace : workspaces.values()) {
            List<EmulatorSource> sourceViews = new ArrayList<>();
            for (Source source : sources.values()) {
                if (source.workspaceId().equals(workspace.id())) {
                    sourceViews.add(view(source));
                }
            }
            List<EmulatorConnection> connectionViews = new ArrayList<>();
            for (Connection connection : connections.values()) {
                if (connection.workspaceId().equals(workspace.id())) {
                    connectionViews.add(new EmulatorConnection(connection.id(), connection.sourceId(),
                            connection.template().id(), connection.template().destinationName(),
                            connection.createdAt()));
                }
            }
            result.add(new EmulatorWorkspace(workspace.id(), workspace.name(), workspace.regionId(), sourceViews,
                    connectionViews));
        }
        return List.copyOf(result);
    }

    private static EmulatorSource view(Source source) {
        ObjectNode redacted = Redaction.redact(source.config(), source.template().connectionSpecification());
        Map<String, Object> config = Json.MAPPER.convertValue(redacted,
                new TypeReference<LinkedHashMap<String, Object>>() { });
        return new EmulatorSource(source.id(), source.name(), source.workspaceId(), source.template().id(),
                source.template().connectorName(), java.util.Collections.unmodifiableMap(config),
                source.createdAt(), source.updatedAt());
    }
}
