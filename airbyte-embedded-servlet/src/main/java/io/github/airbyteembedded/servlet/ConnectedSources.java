package io.github.airbyteembedded.servlet;

import java.time.Instant;
import java.util.Comparator;
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
 * WorkspaceResolver}) is refused with an {@link IllegalArgumentException}. A source is only ever reported or disconnected when it belongs to that
 * workspace. The futures complete exceptionally with an {@link AirbyteApiException} when Airbyte
 * fails.
 *
 * <pre>{@code
 * Optional<String> workspace = airbyte.workspaceName(request);
 * List<ConnectedSource> mine = workspace.map(name -> airbyte.sources().list(name).join()).orElse(List.of());
 * }</pre>
 *
 * @since 0.1.0
 */
public final class ConnectedSources {

    private final AirbyteApiClient client;
    private final OperatorTokenCache operatorTokens;

    ConnectedSources(AirbyteApiClient client, OperatorTokenCache operatorTokens) {
        this.client = client;
        this.operatorTokens = operatorTokens;
    }

    /**
     * Lists the sources of a workspace, newest first when Airbyte gives creation times.
     *
     * @param workspaceName the user's workspace name
     * @return the sources; empty for a workspace Airbyte has not created yet
     */
    public CompletableFuture<List<ConnectedSource>> list(String workspaceName) {
        String workspace = requireWorkspace(workspaceName);
        Comparator<ConnectedSource> newestFirst =
                Comparator.comparing((ConnectedSource source) -> source.createdAt().orElse(Instant.MIN)).reversed();
        return operatorTokens.call(token -> client.listSources(token, workspace))
                .thenApply(sources -> sources.stream().sorted(newestFirst).toList());
    }

    /**
     * Finds a source of a workspace by id.
     *
     * @param workspaceName the user's workspace name
     * @param sourceId the source id
     * @return the source, or empty when the workspace has no source with that id
     */
    public CompletableFuture<Optional<ConnectedSource>> find(String workspaceName, String sourceId) {
        Objects.requireNonNull(sourceId, "sourceId");
        return list(workspaceName).thenApply(sources -> sources.stream().filter(source -> source.id().equals(sourceId)).findFirst());
    }

    /**
     * Disconnects (deletes) a source, after checking that it belongs to the workspace.
     *
     * @param workspaceName the user's workspace name
     * @param sourceId the source id
     * @return {@code true} when it was deleted; {@code false} when the workspace has no such source,
     *     in which case nothing is deleted
     */
    public CompletableFuture<Boolean> disconnect(String workspaceName, String sourceId) {
        Objects.requireNonNull(sourceId, "sourceId");
        return find(workspaceName, sourceId).thenCompose(found -> found.isEmpty()
                ? CompletableFuture.completedFuture(false)
                : operatorTokens.call(token -> client.deleteSource(token, sourceId)));
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
