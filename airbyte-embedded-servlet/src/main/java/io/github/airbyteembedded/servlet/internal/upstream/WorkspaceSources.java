package io.github.airbyteembedded.servlet.internal.upstream;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The sources of one workspace, read and disconnected through Airbyte's connectors API with the
 * workspace's scoped token. A source is found or disconnected only when it is in the workspace's list,
 * and every call is made with a token scoped to the workspace, so Airbyte itself refuses another
 * workspace's source. Workspace names must already be in normal form. Failures are {@link
 * UpstreamException}s.
 */
public final class WorkspaceSources {

    private static final Comparator<SourceItem> NEWEST_FIRST = Comparator.comparing(
            (SourceItem source) -> source.createdAt() == null ? Instant.MIN : source.createdAt()).reversed();

    private final AirbyteApiClient client;
    private final ScopedTokenCache scopedTokens;

    public WorkspaceSources(AirbyteApiClient client, ScopedTokenCache scopedTokens) {
        this.client = client;
        this.scopedTokens = scopedTokens;
    }

    /** The workspace's sources, newest first when Airbyte gives creation times. */
    public CompletableFuture<List<SourceItem>> list(String workspace) {
        return scopedTokens.call(workspace, token -> client.listSources(token, workspace))
                .thenApply(sources -> sources.stream().sorted(NEWEST_FIRST).toList());
    }

    /** The source with this id, when it is in the workspace's list and Airbyte shows it to the workspace's token. */
    public CompletableFuture<Optional<SourceItem>> find(String workspace, String sourceId) {
        return listed(workspace, sourceId).thenCompose(listed -> listed.isEmpty()
                ? CompletableFuture.completedFuture(listed)
                : scopedTokens.call(workspace, token -> client.sourceVisible(token, sourceId))
                        .thenApply(visible -> visible ? listed : Optional.<SourceItem>empty()));
    }

    /** Deletes the source when it is in the workspace's list; {@code false} (and nothing deleted) otherwise. */
    public CompletableFuture<Boolean> disconnect(String workspace, String sourceId) {
        return listed(workspace, sourceId).thenCompose(listed -> listed.isEmpty()
                ? CompletableFuture.completedFuture(false)
                : scopedTokens.call(workspace, token -> client.deleteSource(token, sourceId)));
    }

    private CompletableFuture<Optional<SourceItem>> listed(String workspace, String sourceId) {
        return list(workspace).thenApply(sources -> sources.stream().filter(source -> source.id().equals(sourceId)).findFirst());
    }

    @Override
    public String toString() {
        return "WorkspaceSources";
    }
}
