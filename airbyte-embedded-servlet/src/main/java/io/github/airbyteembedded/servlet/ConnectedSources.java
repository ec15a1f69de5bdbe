package io.github.airbyteembedded.servlet;

import io.github.airbyteembedded.servlet.internal.pipeline.WorkspaceNames;
import io.github.airbyteembedded.servlet.internal.upstream.WorkspaceSources;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The sources users connected through the widget, read and disconnected through Airbyte's connectors
 * API, one workspace at a time.
 *
 * <p>Every method takes the workspace name of the user, which the caller must have derived from the
 * authenticated user (see {@link AirbyteEmbedded#workspaceName(jakarta.servlet.http.HttpServletRequest)}),
 * never from request input; a name that is not in the normal form the routes use (see {@link
 * WorkspaceResolver}) is refused with an {@link IllegalArgumentException}. A source is only ever
 * reported or disconnected when it belongs to that workspace, checked twice: every call is made with
 * a token scoped to the workspace (fetched from Airbyte, which creates the workspace if it does not
 * exist yet, and cached until shortly before it expires), so Airbyte itself refuses another
 * workspace's source; and a source is found or disconnected only when it is in the workspace's list.
 * The futures complete exceptionally with an {@link AirbyteApiException} when Airbyte fails.
 *
 * <pre>{@code
 * Optional<String> workspace = airbyte.workspaceName(request);
 * List<ConnectedSource> mine = workspace.map(name -> airbyte.sources().list(name).join()).orElse(List.of());
 * }</pre>
 *
 * @since 0.1.0
 */
public final class ConnectedSources {

    private final WorkspaceSources sources;

    ConnectedSources(WorkspaceSources sources) {
        this.sources = sources;
    }

    /**
     * Lists the sources of a workspace, newest first when Airbyte gives creation times.
     *
     * @param workspaceName the user's workspace name
     * @return the sources; empty for a workspace Airbyte has not created yet
     */
    public CompletableFuture<List<ConnectedSource>> list(String workspaceName) {
        String workspace = requireWorkspace(workspaceName);
        return publicly(sources.list(workspace).thenApply(items -> items.stream().map(ConnectedSource::of).toList()));
    }

    /**
     * Finds a source of a workspace by id: it must be in the workspace's list, and Airbyte must show it
     * to the workspace's scoped token.
     *
     * @param workspaceName the user's workspace name
     * @param sourceId the source id
     * @return the source, or empty when the workspace has no source with that id
     */
    public CompletableFuture<Optional<ConnectedSource>> find(String workspaceName, String sourceId) {
        String workspace = requireWorkspace(workspaceName);
        Objects.requireNonNull(sourceId, "sourceId");
        return publicly(sources.find(workspace, sourceId).thenApply(found -> found.map(ConnectedSource::of)));
    }

    /**
     * Disconnects (deletes) a source, after checking that it is in the workspace's list; the delete is
     * made with the workspace's scoped token, so Airbyte refuses it for another workspace's source.
     *
     * @param workspaceName the user's workspace name
     * @param sourceId the source id
     * @return {@code true} when it was deleted; {@code false} when the workspace has no such source,
     *     in which case nothing is deleted
     */
    public CompletableFuture<Boolean> disconnect(String workspaceName, String sourceId) {
        String workspace = requireWorkspace(workspaceName);
        Objects.requireNonNull(sourceId, "sourceId");
        return publicly(sources.disconnect(workspace, sourceId));
    }

    /** The future with a failed call to Airbyte as the public {@link AirbyteApiException}. */
    private static <T> CompletableFuture<T> publicly(CompletableFuture<T> future) {
        return future.exceptionallyCompose(failure -> CompletableFuture.failedFuture(AirbyteApiException.of(failure)));
    }

    private static String requireWorkspace(String workspaceName) {
        Objects.requireNonNull(workspaceName, "workspaceName");
        if (!WorkspaceNames.isNormal(workspaceName)) {
            throw new IllegalArgumentException("workspaceName is not a workspace name in normal form: empty, longer than "
                    + WorkspaceNames.MAX_LENGTH + " characters, not NFC or not trimmed, or with control or format characters");
        }
        return workspaceName;
    }

    @Override
    public String toString() {
        return "ConnectedSources";
    }
}
