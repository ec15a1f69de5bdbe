package io.github.airbyteembedded.servlet;

import java.security.Principal;

/**
 * Told, on the server, that a user connected a source through the widget, once Airbyte has confirmed
 * that the source exists in that user's workspace.
 *
 * <p>The widget reports {@code source_created} in the browser, where anybody can forge it. The
 * bootstrap script forwards the event to the filter ({@code POST /api/airbyte/source-events}), which
 * checks the user and the origin like the token route, then lists the user's workspace through
 * Airbyte's connectors API; only a source found there reaches this listener. The browser's event
 * data is never trusted on its own: only the source id is read from it.
 *
 * <p>Called on an HTTP client thread: keep it quick, or hand the work to an executor. An exception is
 * logged and does not change the route's answer.
 *
 * <pre>{@code
 * AirbyteEmbeddedConfig.builder()
 *         .sourceConnectedListener((principal, workspaceName, source) ->
 *                 auditLog.record(principal.getName(), "connected " + source.connector()))
 * }</pre>
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface SourceConnectedListener {

    /** A listener that does nothing. */
    SourceConnectedListener NONE = (principal, workspaceName, source) -> {
    };

    /**
     * Called once per confirmed event.
     *
     * @param principal the authenticated user, or {@code null} when the workspace resolver does not
     *     use a servlet principal
     * @param workspaceName the user's workspace name
     * @param source the source, as Airbyte lists it
     */
    void onSourceConnected(Principal principal, String workspaceName, ConnectedSource source);
}
