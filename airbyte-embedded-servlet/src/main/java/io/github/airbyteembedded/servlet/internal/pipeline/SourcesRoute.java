package io.github.airbyteembedded.servlet.internal.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.airbyteembedded.servlet.ErrorCode;
import io.github.airbyteembedded.servlet.internal.upstream.Json;
import io.github.airbyteembedded.servlet.internal.upstream.SourceItem;
import io.github.airbyteembedded.servlet.internal.upstream.WorkspaceSources;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.security.Principal;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The sources routes, under the same checks as the token route ({@link RequestChecks}), each with a
 * per-user rate limit of its own (listing; deleting and events together):
 *
 * <ul>
 *   <li>{@code GET <sources-path>}: the user's sources, {@code {"sources": [{id, name, connector,
 *       createdAt}]}};
 *   <li>{@code DELETE <sources-path>/<id>}: disconnects one of the user's sources ({@code 204}), or
 *       {@code 404 source_not_found} and nothing is deleted when the workspace has no such source;
 *   <li>{@code POST <source-events-path>} with {@code {"type": "source_created", "sourceId": "..."}}:
 *       confirms through Airbyte that the source is in the user's workspace, tells the application's
 *       {@code SourceConnectedListener} ({@link SourceEvents}) the first time for that (workspace, source) ({@link NotifiedSources}),
 *       and answers {@code {"source": {...}}}; {@code 404 source_not_found} otherwise.
 * </ul>
 */
public final class SourcesRoute implements Route {

    static final Set<String> EVENT_TYPES = Set.of("source_created", "source_updated",
            "partial_user_config_created", "partial_user_config_updated");

    private static final Logger LOG = System.getLogger(SourcesRoute.class.getName());
    private static final Pattern SOURCE_ID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final String sourcesPath;
    private final String sourceEventsPath;
    private final String sourcePrefix;
    private final RequestChecks.Rules listRules;
    private final RequestChecks.Rules eventRules;
    private final RequestChecks.Rules deleteRules;
    private final UpstreamCall upstream;
    private final WorkspaceSources sources;
    private final NotifiedSources notifiedSources;
    private final SourceEvents events;

    /** Told about a source the first time it is confirmed in a workspace (the application's listener). */
    @FunctionalInterface
    public interface SourceEvents {
        void connected(Principal principal, String workspaceName, SourceItem source);
    }

    /**
     * @param listRateLimiter the per-user limit of listing
     * @param changeRateLimiter the per-user limit of disconnecting and of source events, together
     */
    public SourcesRoute(String sourcesPath, String sourceEventsPath, Optional<RateLimiter> listRateLimiter,
            Optional<RateLimiter> changeRateLimiter, UpstreamCall upstream, WorkspaceSources sources,
            NotifiedSources notifiedSources, SourceEvents events) {
        this.sourcesPath = sourcesPath;
        this.sourceEventsPath = sourceEventsPath;
        this.sourcePrefix = sourcesPath + "/";
        this.listRules = Route.rules("GET", listRateLimiter);
        this.eventRules = Route.rules("POST", changeRateLimiter);
        this.deleteRules = Route.rules("DELETE", changeRateLimiter);
        this.upstream = upstream;
        this.sources = sources;
        this.notifiedSources = notifiedSources;
        this.events = events;
    }

    @Override
    public boolean answers(RoutePaths.Target target) {
        return target != RoutePaths.Target.TOKEN;
    }

    @Override
    public RequestChecks.Rules rules(String path) {
        if (path.equals(sourcesPath)) {
            return listRules;
        }
        return path.equals(sourceEventsPath) ? eventRules : deleteRules;
    }

    /** The last segment of {@code <sources-path>/<segment>}, if the path has that shape. */
    private Optional<String> sourceIdOf(String path) {
        if (!path.startsWith(sourcePrefix)) {
            return Optional.empty();
        }
        String segment = path.substring(sourcePrefix.length());
        return segment.isEmpty() || segment.contains("/") ? Optional.empty() : Optional.of(segment);
    }

    @Override
    public void handle(Exchange exchange, String path, CheckedRequest request) throws IOException {
        if (path.equals(sourcesPath)) {
            upstream.call(exchange, () -> sources.list(request.workspaceName()), SourcesRoute::writeList);
        } else if (path.equals(sourceEventsPath)) {
            confirmEvent(exchange, request);
        } else {
            disconnect(exchange, request, sourceIdOf(path).orElseThrow());
        }
    }

    private void disconnect(Exchange exchange, CheckedRequest request, String sourceId) throws IOException {
        if (!SOURCE_ID.matcher(sourceId).matches()) {
            exchange.refuse(ErrorCode.SOURCE_NOT_FOUND, null);
            return;
        }
        upstream.call(exchange, () -> sources.disconnect(request.workspaceName(), sourceId),
                (out, deleted) -> {
                    if (deleted) {
                        out.setStatus(HttpServletResponse.SC_NO_CONTENT);
                        out.setHeader("Cache-Control", "no-store");
                    } else {
                        JsonResponses.error(out, ErrorCode.SOURCE_NOT_FOUND);
                    }
                });
    }

    /**
     * Confirms the source through Airbyte on every report, so that the answer is current, and tells
     * the listener only the first time the source of this workspace is confirmed.
     */
    private void confirmEvent(Exchange exchange, CheckedRequest request) throws IOException {
        Optional<JsonNode> event = Json.parseRequestObject(request.body());
        Optional<String> type = event.flatMap(node -> Json.text(node, "type"));
        Optional<String> sourceId = event.flatMap(node -> Json.text(node, "sourceId"));
        if (type.isEmpty() || !EVENT_TYPES.contains(type.get()) || sourceId.isEmpty() || !SOURCE_ID.matcher(sourceId.get()).matches()) {
            exchange.refuse(ErrorCode.INVALID_REQUEST, null);
            return;
        }
        String workspaceName = request.workspaceName();
        upstream.call(exchange, () -> sources.find(workspaceName, sourceId.get()),
                (out, found) -> {
                    if (found.isEmpty()) {
                        JsonResponses.error(out, ErrorCode.SOURCE_NOT_FOUND);
                        return;
                    }
                    boolean first;
                    try {
                        first = notifiedSources.markNotified(workspaceName, found.get().id());
                    } catch (StoreUnavailableException e) {
                        JsonResponses.error(out, ErrorCode.RATE_LIMIT_STORE_UNAVAILABLE);
                        return;
                    }
                    if (first) {
                        tellListener(request.user().principal(), workspaceName, found.get());
                    }
                    ObjectNode body = Json.object();
                    body.set("source", json(found.get()));
                    JsonResponses.json(out, HttpServletResponse.SC_OK, body);
                });
    }

    private void tellListener(Principal principal, String workspaceName, SourceItem source) {
        try {
            events.connected(principal, workspaceName, source);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "The SourceConnectedListener threw " + e.getClass().getName() + "; ignored");
        }
    }

    private static void writeList(HttpServletResponse response, List<SourceItem> sources) throws IOException {
        ObjectNode body = Json.object();
        ArrayNode items = body.putArray("sources");
        sources.forEach(source -> items.add(json(source)));
        JsonResponses.json(response, HttpServletResponse.SC_OK, body);
    }

    static ObjectNode json(SourceItem source) {
        ObjectNode item = Json.object()
                .put("id", source.id())
                .put("name", source.name())
                .put("connector", source.connector());
        if (source.createdAt() == null) {
            item.putNull("createdAt");
        } else {
            item.put("createdAt", DateTimeFormatter.ISO_INSTANT.format(source.createdAt()));
        }
        return item;
    }
}
