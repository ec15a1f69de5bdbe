package io.github.airbyteembedded.servlet.internal.pipeline;

import io.github.airbyteembedded.servlet.SourceConnectedListener;

/**
 * Which sources the {@link SourceConnectedListener} was told about, per workspace, so that it is told at
 * most once per (workspace, source) however often the browser reports the source. The source-events
 * route only asks; where the memory lives (in this instance's, {@link InMemoryNotifiedSources}, or in a
 * store shared by every instance, {@link SharedStoreCalls}) is the implementation's business.
 */
public interface NotifiedSources {

    /**
     * Records that the listener is about to be told about a source of a workspace, atomically.
     *
     * @return {@code true} the first time for this pair (the caller tells the listener); {@code false}
     *     when it was recorded before (the caller does not)
     * @throws StoreUnavailableException when a shared store is unavailable and the routes fail closed
     */
    boolean markNotified(String workspaceName, String sourceId);
}
