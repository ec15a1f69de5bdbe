package io.github.airbyteembedded.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code /api/v1/integrations/*}: source templates, connection templates and connectors (sources), in
 * the spec's shapes. Operator tokens see every workspace of the organization; a scoped token (a widget
 * token's JWT, or one from {@code POST /api/v1/account/applications/scoped-token}) sees and changes its
 * own workspace's sources only, and the templates its tag selection allows. A {@link
 * Fault.Kind#FOREIGN_SOURCE} fault makes the sources list ignore its workspace filter and the scope.
 */
final class IntegrationRoutes {

    static final String TEMPLATES = "/api/v1/integrations/templates/sources";
    static final String CONNECTION_TEMPLATES = "/api/v1/integrations/templates/connections";
    static final String CONNECTORS = "/api/v1/integrations/connectors";

    private final Settings settings;
    private final EmulatorState state;
    private final Tokens tokens;
    private final Faults faults;
    private final Clock clock;

    IntegrationRoutes(Settings settings, EmulatorState state, Tokens tokens, Faults faults) {
        this.settings = settings;
        this.state = state;
        this.tokens = tokens;
        this.faults = faults;
        this.clock = settings.clock();
    }

    void register(Router router) {
        router.add("GET", TEMPLATES, authenticated(this::listTemplates));
        router.add("GET", TEMPLATES + "/{id}", authenticated(this::getTemplate));
        router.add("GET", CONNECTION_TEMPLATES, authenticated(this::listConnectionTemplates));
        router.add("GET", CONNECTORS, authenticated(this::listConnectors));
        router.add("POST", CONNECTORS, authenticated(this::createConnector));
        router.add("POST", CONNECTORS + "/check", authenticated(this::checkNewConnector));
        router.add("GET", CONNECTORS + "/{id}", authenticated(this::getConnector));
        router.add("PUT", CONNECTORS + "/{id}", authenticated(this::updateConnector));
        router.add("DELETE", CONNECTORS + "/{id}", authenticated(this::deleteConnector));
        router.add("POST", CONNECTORS + "/{id}/check", authenticated(this::checkExistingConnector));
    }

    private interface Handler {
        Response handle(Request request, Tokens.Principal principal);
    }

    private java.util.function.Function<Request, Response> authenticated(Handler handler) {
        return request -> request.bearerToken().flatMap(tokens::verify)
                .map(principal -> handler.handle(request, principal))
                .orElseGet(() -> tokens.unauthorized(request));
    }

    // ---- templates ----

    private Response listTemplates(Request request, Tokens.Principal principal) {
        List<String> tags = request.queryParameters("tags");
        String mode = request.queryParameter("tags_mode").orElse("all");
        if (!mode.equals("all") && !mode.equals("any")) {
            return new Errors.Validation().add("tags_mode", "Input should be 'all' or 'any'", "enum").response();
        }
        ArrayNode data = Json.array();
        for (SourceTemplate template : visibleTemplates(principal)) {
            if (matches(template.tags(), tags, mode)) {
                data.add(templateListItem(template));
            }
        }
        ObjectNode body = Json.object();
        body.set("data", data);
        return Response.json(200, body);
    }

    private Response getTemplate(Request request, Tokens.Principal principal) {
        Optional<UUID> id = uuid(request.pathParameter("id"));
        if (id.isEmpty()) {
            return new Errors.Validation().add("id", "Input should be a valid UUID", "uuid_parsing").response();
        }
        return visibleTemplates(principal).stream().filter(t -> t.id().equals(id.get())).findFirst()
                .map(template -> {
                    ObjectNode body = detailedTemplate(template);
                    body.putNull("auth_tooltip");
                    body.put("connector_name", template.connectorName());
                    return Response.json(200, body);
                })
                .orElseGet(() -> Errors.detail(404, "Source template not found"));
    }

    private Response listConnectionTemplates(Request request, Tokens.Principal principal) {
        List<String> tags = request.queryParameters("tags");
        String mode = request.queryParameter("tags_mode").orElse("all");
        ArrayNode data = Json.array();
        for (ConnectionTemplate template : settings.connectionTemplates()) {
            if (matches(template.tags(), tags, mode)) {
                ObjectNode item = data.addObject()
                        .put("id", template.id().toString())
                        .put("organization_id", settings.organizationId().toString())
                        .put("destination_name", template.destinationName());
                item.putNull("icon");
                template.cronExpression().ifPresentOrElse(cron -> item.put("cron_expression", cron),
                        () -> item.putNull("cron_expression"));
                item.put("data_hosting_type", "airbyte_hosted");
                ArrayNode tagArray = item.putArray("tags");
                template.tags().forEach(tagArray::add);
                item.putNull("created_at");
                item.putNull("updated_at");
            }
        }
        ObjectNode body = Json.object();
        body.set("data", data);
        return Response.json(200, body);
    }

    /** The templates a principal may see: all for an operator, the token's tag selection for a widget. */
    private List<SourceTemplate> visibleTemplates(Tokens.Principal principal) {
        if (principal.operator()) {
            return settings.sourceTemplates();
        }
        List<String> tags = texts(principal.claims().path("selected_source_template_tags"));
        String mode = principal.claims().path("selected_source_template_tags_mode").asText("any");
        return settings.sourceTemplates().stream().filter(t -> matches(t.tags(), tags, mode)).toList();
    }

    /** Tag selection: no tags selects everything; {@code any} needs one shared tag, {@code all} every tag. */
    static boolean matches(List<String> templateTags, List<String> selected, String mode) {
        if (selected.isEmpty()) {
            return true;
        }
        return "any".equals(mode)
                ? selected.stream().anyMatch(templateTags::contains)
                : templateTags.containsAll(selected);
    }

    private ObjectNode templateListItem(SourceTemplate template) {
        ObjectNode item = Json.object()
                .put("id", template.id().toString())
                .put("name", template.name());
        template.icon().ifPresentOrElse(icon -> item.put("icon", icon), () -> item.putNull("icon"));
        item.put("connector_name", template.connectorName());
        item.put("organization_id", settings.organizationId().toString());
        item.put("actor_definition_id", template.definitionId().toString());
        ArrayNode tags = item.putArray("tags");
        template.tags().forEach(tags::add);
        item.putNull("customization");
        item.put("mode", template.mode());
        item.putNull("created_at");
        item.putNull("updated_at");
        return item;
    }

    private static ObjectNode detailedTemplate(SourceTemplate template) {
        ObjectNode item = Json.object()
                .put("id", template.id().toString())
                .put("name", template.name());
        template.icon().ifPresentOrElse(icon -> item.put("icon", icon), () -> item.putNull("icon"));
        item.put("source_definition_id", template.definitionId().toString());
        ObjectNode spec = item.putObject("user_config_spec");
        template.documentationUrl().ifPresentOrElse(url -> spec.put("documentationUrl", url),
                () -> spec.putNull("documentationUrl"));
        spec.set("connectionSpecification", template.connectionSpecification().deepCopy());
        item.putObject("partial_default_config");
        item.putNull("customization");
        ArrayNode tags = item.putArray("tags");
        template.tags().forEach(tags::add);
        item.put("mode", template.mode());
        item.put("is_experimental", false);
        item.putNull("created_at");
        item.putNull("updated_at");
        return item;
    }

    // ---- connectors ----

    private Response listConnectors(Request request, Tokens.Principal principal) {
        Optional<UUID> definition = request.queryParameter("definition_id").flatMap(IntegrationRoutes::uuid);
        if (faults.claim(Fault.Kind.FOREIGN_SOURCE, request.endpoint())) {
            return sourceList(state.sources(null), definition); // misbehaving: every workspace's sources
        }
        Optional<String> name = request.queryParameter("workspace_name")
                .or(() -> request.queryParameter("customer_name"))
                .or(() -> request.queryParameter("external_user_id"));
        Optional<String> idText = request.queryParameter("workspace_id");
        UUID workspaceId = null;
        if (idText.isPresent()) {
            Optional<UUID> parsed = uuid(idText.get());
            if (parsed.isEmpty()) {
                return new Errors.Validation().add("workspace_id", "Input should be a valid UUID", "uuid_parsing").response();
            }
            workspaceId = parsed.get();
            if (state.workspace(workspaceId).isEmpty() && principal.operator()) {
                return unknownWorkspace("workspace_id");
            }
        }
        if (name.isPresent()) {
            Optional<EmulatorState.Workspace> named = state.workspaceNamed(name.get());
            if (named.isEmpty() || (workspaceId != null && !workspaceId.equals(named.get().id()))) {
                return principal.operator() ? unknownWorkspace("workspace_name") : forbidden();
            }
            workspaceId = named.get().id();
        }
        if (!principal.operator()) {
            if (workspaceId != null && !workspaceId.equals(principal.workspaceId())) {
                return forbidden();
            }
            workspaceId = principal.workspaceId();
        }
        return sourceList(state.sources(workspaceId), definition);
    }

    /** The spec's ConnectorSourceListResponse of these sources, optionally of one connector definition. */
    private Response sourceList(List<EmulatorState.Source> sources, Optional<UUID> definition) {
        ArrayNode data = Json.array();
        for (EmulatorState.Source source : sources) {
            if (definition.isPresent() && !definition.get().equals(source.template().definitionId())) {
                continue;
            }
            ObjectNode item = data.addObject()
                    .put("id", source.id().toString())
                    .put("name", source.name());
            item.set("summarized_source_template", templateListItem(source.template()));
            item.put("created_at", source.createdAt().toString());
            item.put("updated_at", source.updatedAt().toString());
        }
        ObjectNode body = Json.object();
        body.set("data", data);
        return Response.json(200, body);
    }

    /** An operator's list of a workspace that does not exist, answered as the emulator was told to. */
    private Response unknownWorkspace(String parameter) {
        return switch (settings.fidelity().unknownWorkspaceList()) {
            case EMPTY -> emptyList();
            case NOT_FOUND -> Errors.detail(404, "Workspace not found");
            case UNPROCESSABLE -> new Errors.Validation().add(parameter, "No workspace of the organization has this "
                    + parameter.substring("workspace_".length()), "value_error").response();
        };
    }

    private static Response emptyList() {
        ObjectNode body = Json.object();
        body.putArray("data");
        return Response.json(200, body);
    }

    private static Response forbidden() {
        return Errors.api(403, "Access denied to this resource");
    }

    /** Resolves workspace and template of a create or check request; a response when it cannot. */
    private record Target(EmulatorState.Workspace workspace, SourceTemplate template, ObjectNode config, Response error) {
    }

    private Target target(JsonNode body, Tokens.Principal principal, boolean create) {
        if (body == null || !body.isObject()) {
            return new Target(null, null, null,
                    new Errors.Validation().add("body", "The body must be a JSON object", "invalid_json").response());
        }
        Errors.Validation validation = new Errors.Validation();
        String workspaceName = AccountRoutes.requiredString(body, "workspace_name", validation);
        Optional<SourceTemplate> template = resolveTemplate(body, principal, validation);
        ObjectNode config = configOf(body);
        if (template.isPresent()) {
            ConfigRules.validate(template.get().connectionSpecification(), config, "replication_config", validation);
        }
        AccountRoutes.optionalTags(body, "selected_connection_template_tags", validation);
        AccountRoutes.optionalMode(body, "selected_connection_template_tags_mode", validation);
        if (!validation.isEmpty()) {
            return new Target(null, null, null, validation.response());
        }
        EmulatorState.Workspace workspace;
        if (principal.operator()) {
            Optional<EmulatorState.Workspace> named = state.workspaceNamed(workspaceName);
            if (named.isEmpty() && !create) {
                return new Target(null, null, null, Errors.detail(404, "Workspace not found"));
            }
            workspace = named.orElseGet(() -> state.workspaceFor(workspaceName, null));
        } else {
            Optional<EmulatorState.Workspace> own = state.workspace(principal.workspaceId());
            if (own.isEmpty() || !own.get().name().equals(workspaceName)) {
                return new Target(null, null, null, forbidden());
            }
            workspace = own.get();
        }
        return new Target(workspace, template.orElseThrow(), config, null);
    }

    private Optional<SourceTemplate> resolveTemplate(JsonNode body, Tokens.Principal principal, Errors.Validation validation) {
        List<SourceTemplate> visible = visibleTemplates(principal);
        JsonNode templateId = body.get("source_template_id");
        JsonNode connectorType = body.get("connector_type");
        JsonNode definitionId = body.get("definition_id");
        List<SourceTemplate> candidates;
        String field;
        if (templateId != null && !templateId.isNull()) {
            field = "source_template_id";
            Optional<UUID> id = uuid(templateId.asText());
            candidates = visible.stream().filter(t -> id.isPresent() && t.id().equals(id.get())).toList();
        } else if (connectorType != null && !connectorType.isNull()) {
            field = "connector_type";
            String wanted = connectorType.asText().toLowerCase(Locale.ROOT);
            candidates = visible.stream().filter(t -> t.connectorName().equalsIgnoreCase(wanted)
                    || t.name().toLowerCase(Locale.ROOT).equals(wanted)).toList();
        } else if (definitionId != null && !definitionId.isNull()) {
            field = "definition_id";
            Optional<UUID> id = uuid(definitionId.asText());
            candidates = visible.stream().filter(t -> id.isPresent() && t.definitionId().equals(id.get())).toList();
        } else {
            validation.add("source_template_id", "One of source_template_id, connector_type or definition_id is required",
                    "missing");
            return Optional.empty();
        }
        if (candidates.size() != 1) {
            validation.add(field, candidates.isEmpty() ? "No enabled connector matches"
                    : "Several templates match: give source_template_id", "value_error");
            return Optional.empty();
        }
        return Optional.of(candidates.get(0));
    }

    /** {@code replication_config}, else {@code credentials} merged with {@code environment}. */
    private static ObjectNode configOf(JsonNode body) {
        JsonNode replication = body.get("replication_config");
        if (replication != null && replication.isObject()) {
            return (ObjectNode) replication.deepCopy();
        }
        ObjectNode merged = Json.object();
        JsonNode environment = body.get("environment");
        JsonNode credentials = body.get("credentials");
        if (environment != null && environment.isObject()) {
            merged.setAll((ObjectNode) environment.deepCopy());
        }
        if (credentials != null && credentials.isObject()) {
            merged.setAll((ObjectNode) credentials.deepCopy());
        }
        return replication != null && !replication.isNull() && !replication.isObject() ? null : merged;
    }

    private Response createConnector(Request request, Tokens.Principal principal) {
        JsonNode body = request.json().orElse(null);
        Target target = target(body, principal, true);
        if (target.error() != null) {
            return target.error();
        }
        Optional<String> rejected = ConfigRules.rejectedField(target.config(), "");
        if (rejected.isPresent()) {
            ObjectNode error = Errors.apiBody(ConfigRules.checkFailureMessage(rejected.get()));
            error.withArray("errors").addObject()
                    .put("field", "replication_config." + rejected.get())
                    .put("message", "The connector check failed")
                    .put("error_code", "check_failed")
                    .putNull("details");
            return Response.json(400, error);
        }
        Instant now = clock.instant();
        UUID id = UUID.randomUUID();
        JsonNode nameNode = body.get("name");
        String name = nameNode != null && nameNode.isTextual() && !nameNode.asText().isBlank()
                ? nameNode.asText() : target.template().name() + " - " + id;
        JsonNode entities = body.has("entities") ? body.get("entities").deepCopy() : NullNode.getInstance();
        EmulatorState.Source source = new EmulatorState.Source(id, target.workspace().id(), name, target.template(),
                target.config(), entities, now, now);
        state.addSource(source, connectionTemplatesFor(body, principal));
        return Response.json(200, sourceBody(source));
    }

    /** Connection templates selected by the request's tags, else the widget token's, else all. */
    private List<ConnectionTemplate> connectionTemplatesFor(JsonNode body, Tokens.Principal principal) {
        List<String> tags = texts(body.path("selected_connection_template_tags"));
        String mode = body.path("selected_connection_template_tags_mode").asText("any");
        if (!body.has("selected_connection_template_tags") && !principal.operator()) {
            tags = texts(principal.claims().path("selected_connection_template_tags"));
            mode = principal.claims().path("selected_connection_template_tags_mode").asText("any");
        }
        List<ConnectionTemplate> result = new ArrayList<>();
        for (ConnectionTemplate template : settings.connectionTemplates()) {
            if (matches(template.tags(), tags, mode)) {
                result.add(template);
            }
        }
        return result;
    }

    private Response checkNewConnector(Request request, Tokens.Principal principal) {
        JsonNode body = request.json().orElse(null);
        if (body == null || !body.isObject()) {
            return new Errors.Validation().add("body", "The body must be a JSON object", "invalid_json").response();
        }
        Errors.Validation validation = new Errors.Validation();
        AccountRoutes.requiredString(body, "workspace_name", validation);
        Optional<SourceTemplate> template = resolveTemplate(body, principal, validation);
        if (!validation.isEmpty()) {
            return validation.response();
        }
        if (!principal.operator()) {
            Optional<EmulatorState.Workspace> own = state.workspace(principal.workspaceId());
            if (own.isEmpty() || !own.get().name().equals(body.get("workspace_name").asText())) {
                return forbidden();
            }
        }
        return Response.json(200, checkResult(template.orElseThrow(), configOf(body)));
    }

    private Response checkExistingConnector(Request request, Tokens.Principal principal) {
        Optional<EmulatorState.Source> source = accessibleSource(request, principal);
        if (source.isEmpty()) {
            return notFoundOrForbidden(request, principal);
        }
        JsonNode body = request.json().orElse(Json.object());
        ObjectNode config = source.get().config();
        JsonNode incoming = body.get("replication_config");
        if (incoming != null && incoming.isObject()) {
            config = Redaction.mergeForUpdate(source.get().config(), (ObjectNode) incoming,
                    source.get().template().connectionSpecification());
        }
        return Response.json(200, checkResult(source.get().template(), config));
    }

    private ObjectNode checkResult(SourceTemplate template, ObjectNode config) {
        Errors.Validation validation = new Errors.Validation();
        ConfigRules.validate(template.connectionSpecification(), config, "replication_config", validation);
        Optional<String> rejected = ConfigRules.rejectedField(config, "");
        ObjectNode result = Json.object().put("id", UUID.randomUUID().toString());
        String failure = null;
        if (!validation.isEmpty()) {
            failure = "The configuration does not match the connector's spec: " + Json.write(validation.errors());
        } else if (rejected.isPresent()) {
            failure = ConfigRules.checkFailureMessage(rejected.get());
        }
        if (failure == null) {
            result.put("status", "succeeded");
            result.putNull("error_message");
            result.putNull("failure_reason");
        } else {
            result.put("status", "failed");
            result.put("error_message", failure);
            result.putObject("failure_reason")
                    .put("timestamp", clock.millis())
                    .put("failure_origin", "source")
                    .put("failure_type", "config_error")
                    .put("external_message", failure)
                    .putNull("internal_message")
                    .putNull("stacktrace")
                    .put("retryable", false)
                    .putNull("from_trace_message")
                    .putNull("stream_descriptor");
        }
        result.putNull("entity_check_results");
        return result;
    }

    private Response getConnector(Request request, Tokens.Principal principal) {
        return accessibleSource(request, principal)
                .map(source -> Response.json(200, sourceBody(source)))
                .orElseGet(() -> notFoundOrForbidden(request, principal));
    }

    private Response updateConnector(Request request, Tokens.Principal principal) {
        Optional<EmulatorState.Source> existing = accessibleSource(request, principal);
        if (existing.isEmpty()) {
            return notFoundOrForbidden(request, principal);
        }
        EmulatorState.Source source = existing.get();
        JsonNode body = request.json().orElse(null);
        if (body == null || !body.isObject()) {
            return new Errors.Validation().add("body", "The body must be a JSON object", "invalid_json").response();
        }
        ObjectNode config = source.config();
        JsonNode incoming = body.get("replication_config");
        if (incoming != null && !incoming.isNull()) {
            if (!incoming.isObject()) {
                return new Errors.Validation().add("replication_config", "Input should be a valid dictionary", "dict_type").response();
            }
            config = Redaction.mergeForUpdate(source.config(), (ObjectNode) incoming, source.template().connectionSpecification());
        }
        Errors.Validation validation = new Errors.Validation();
        ConfigRules.validate(source.template().connectionSpecification(), config, "replication_config", validation);
        if (!validation.isEmpty()) {
            return validation.response();
        }
        Optional<String> rejected = ConfigRules.rejectedField(config, "");
        if (rejected.isPresent()) {
            return Errors.api(400, ConfigRules.checkFailureMessage(rejected.get()));
        }
        JsonNode nameNode = body.get("name");
        String name = nameNode != null && nameNode.isTextual() && !nameNode.asText().isBlank() ? nameNode.asText() : source.name();
        JsonNode entities = body.has("entities") ? body.get("entities").deepCopy() : source.entities();
        EmulatorState.Source updated = new EmulatorState.Source(source.id(), source.workspaceId(), name, source.template(),
                config, entities, source.createdAt(), clock.instant());
        return state.replaceSource(updated)
                .map(saved -> Response.json(200, sourceBody(saved)))
                .orElseGet(() -> Errors.detail(404, "Connector not found"));
    }

    private Response deleteConnector(Request request, Tokens.Principal principal) {
        Optional<EmulatorState.Source> source = accessibleSource(request, principal);
        if (source.isEmpty() || !state.deleteSource(source.get().id(), settings.fidelity().deletedSourcesListedFor())) {
            return notFoundOrForbidden(request, principal);
        }
        return Response.json(202, Json.object().put("job_id", UUID.randomUUID().toString()));
    }

    private Optional<EmulatorState.Source> accessibleSource(Request request, Tokens.Principal principal) {
        return uuid(request.pathParameter("id")).flatMap(state::source)
                .filter(source -> principal.operator() || source.workspaceId().equals(principal.workspaceId()));
    }

    private Response notFoundOrForbidden(Request request, Tokens.Principal principal) {
        Optional<UUID> id = uuid(request.pathParameter("id"));
        if (id.isEmpty()) {
            return new Errors.Validation().add("id", "Input should be a valid UUID", "uuid_parsing").response();
        }
        return state.source(id.get()).isPresent() && !principal.operator() ? forbidden()
                : Errors.detail(404, "Connector not found");
    }

    /** The spec's ConnectorSource{Create,Get,Update}Response: configuration redacted. */
    static ObjectNode sourceBody(EmulatorState.Source source) {
        ObjectNode body = Json.object()
                .put("id", source.id().toString())
                .put("name", source.name());
        body.set("source_template", detailedTemplate(source.template()));
        body.set("replication_config", Redaction.redact(source.config(), source.template().connectionSpecification()));
        body.set("entities", source.entities() == null ? NullNode.getInstance() : source.entities().deepCopy());
        body.put("created_at", source.createdAt().toString());
        body.put("updated_at", source.updatedAt().toString());
        return body;
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        if (array != null && array.isArray()) {
            array.forEach(value -> values.add(value.asText()));
        }
        return values;
    }

    private static Optional<UUID> uuid(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
