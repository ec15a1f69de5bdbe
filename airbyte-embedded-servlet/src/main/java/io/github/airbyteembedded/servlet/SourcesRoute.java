package io.github.airbyteembedded.servlet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
 * The sources routes, under the same checks as the token route ({@link Route}), each with a per-user
 * rate limit of its own (listing; deleting and events together):
 *
 * <ul>
 *   <li>{@code GET <sources-path>}: the user's sources, {@code {"sources": [{id, name, connector,
 *       createdAt}]}};
 *   <li>{@code DELETE <sources-path>/<id>}: disconnects one of the user's sources ({@code 204}), or
 *       {@code 404 source_not_found} and nothing is deleted when the workspace has no such source;
 *   <li>{@code POST <source-events-path>} with {@code {"type": "source_created", "sourceId": "..."}}:
 *       confirms through Airbyte that the source is in the user's workspace, tells the {@link
 *       SourceConnectedListener} the first time for that (workspace, source) ({@link NotifiedSources}),
 *       and answers {@code {"source": {...}}}; {@code 404 source_not_found} otherwise.
 * </ul>
 */
final class SourcesRoute extends Route {

    static final Set<String> EVENT_TYPES = Set.of("source_created", "source_updated",
            "partial_user_config_created", "partial_user_config_updated");

    private static final Logger LOG = System.getLogger(SourcesRoute.class.getName());
    private static final Pattern SOURCE_ID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private static final Set<String> GET = Set.of("GET");
    private static final Set<String> POST = Set.of("POST");
    private static final Set<String> DELETE = Set.of("DELETE");

    private final String sourcePrefix;

    SourcesRoute(AirbyteEmbedded airbyte) {
        super(airbyte);
        this.sourcePrefix = config.sourcesPath() + "/";
    }

    @Override
    boolean answers(RoutePaths.Target target) {
        return target != RoutePaths.Target.TOKEN;
    }

    @Override
    Set<String> methods(String path) {
        if (path.equals(config.sourcesPath())) {
            return GET;
        }
        return path.equals(config.sourceEventsPath()) ? POST : DELETE;
    }

    @Override
    Optional<RateLimiter> rateLimiter(String path) {
        return path.equals(config.sourcesPath()) ? airbyte.sourcesListRateLimiter() : airbyte.sourcesChangeRateLimiter();
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
    void handleChecked(Exchange exchange, String path, Checked checked) throws IOException {
        if (path.equals(config.sourcesPath())) {
            callAirbyte(exchange, checked, () -> airbyte.sources().list(checked.workspaceName()), SourcesRoute::writeList);
        } else if (path.equals(config.sourceEventsPath())) {
            confirmEvent(exchange, checked);
        } else {
            disconnect(exchange, checked, sourceIdOf(path).orElseThrow());
        }
    }

    private void disconnect(Exchange exchange, Checked checked, String sourceId) throws IOException {
        if (!SOURCE_ID.matcher(sourceId).matches()) {
            refuse(exchange, ErrorCode.SOURCE_NOT_FOUND, null);
            return;
        }
        callAirbyte(exchange, checked, () -> airbyte.sources().disconnect(checked.workspaceName(), sourceId),
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
    private void confirmEvent(Exchange exchange, Checked checked) throws IOException {
        Optional<JsonNode> event = Json.parseObject(checked.body());
        Optional<String> type = event.flatMap(node -> Json.text(node, "type"));
        Optional<String> sourceId = event.flatMap(node -> Json.text(node, "sourceId"));
        if (type.isEmpty() || !EVENT_TYPES.contains(type.get()) || sourceId.isEmpty() || !SOURCE_ID.matcher(sourceId.get()).matches()) {
            refuse(exchange, ErrorCode.INVALID_REQUEST, null);
            return;
        }
        Principal principal = exchange.request().getUserPrincipal();
        callAirbyte(exchange, checked, () -> airbyte.sources().find(checked.workspaceName(), sourceId.get()),
                (out, found) -> {
                    if (found.isEmpty()) {
                        JsonResponses.error(out, ErrorCode.SOURCE_NOT_FOUND);
                        return;
                    }
                    if (airbyte.notifiedSources().markNotified(checked.workspaceName(), found.get().id())) {
                        tellListener(principal, checked.workspaceName(), found.get());
                    }
                    ObjectNode body = Json.object();
                    body.set("source", json(found.get()));
                    JsonResponses.json(out, HttpServletResponse.SC_OK, body);
                });
    }

    private void tellListener(Principal principal, String workspaceName, ConnectedSource source) {
        try {
            config.sourceConnectedListener().onSourceConnected(principal, workspaceName, source);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "The SourceConnectedListener threw " + e.getClass().getName() + "; ignored");
        }
    }

    private static void writeList(HttpServletResponse response, List<ConnectedSource> sources) throws IOException {
        ObjectNode body = Json.object();
        ArrayNode items = body.putArray("sources");
        sources.forEach(source -> items.add(json(source)));
        JsonResponses.json(response, HttpServletResponse.SC_OK, body);
    }

    static ObjectNode json(ConnectedSource source) {
        ObjectNode item = Json.object()
                .put("id", source.id())
                .put("name", source.name())
                .put("connector", source.connector());
        source.createdAt().ifPresentOrElse(at -> item.put("createdAt", DateTimeFormatter.ISO_INSTANT.format(at)),
                () -> item.putNull("createdAt"));
        return item;
    }
}
