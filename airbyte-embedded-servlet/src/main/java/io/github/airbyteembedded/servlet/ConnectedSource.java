package io.github.airbyteembedded.servlet;

import io.github.airbyteembedded.servlet.internal.upstream.SourceItem;
import java.time.Instant;
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

    /** The public form of a source read from Airbyte. */
    static ConnectedSource of(SourceItem item) {
        return new ConnectedSource(item.id(), item.name(), item.connector(), item.createdAt());
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
