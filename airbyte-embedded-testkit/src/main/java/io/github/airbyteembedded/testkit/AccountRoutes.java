package io.github.airbyteembedded.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * {@code /api/v1/account/applications/*}: the operator token, the widget token (and its deprecated
 * twin), the scoped token of one workspace, and the scoped-token info the widget page uses to verify its
 * token.
 */
final class AccountRoutes {

    static final String TOKEN_PATH = "/api/v1/account/applications/token";
    static final String WIDGET_TOKEN_PATH = "/api/v1/account/applications/widget-token";
    static final String DEPRECATED_WIDGET_TOKEN_PATH = "/api/v1/embedded/widget-token";
    static final String SCOPED_TOKEN_PATH = "/api/v1/account/applications/scoped-token";
    static final String SCOPED_TOKEN_INFO_PATH = "/api/v1/account/applications/scoped-token/info";
    static final String WIDGET_PAGE_PATH = "/embedded-widget";

    private static final Set<String> TAG_MODES = Set.of("all", "any");

    private final Settings settings;
    private final EmulatorState state;
    private final Tokens tokens;
    private final Supplier<URI> baseUri;
    private final Supplier<URI> widgetPageBase;

    AccountRoutes(Settings settings, EmulatorState state, Tokens tokens, Supplier<URI> baseUri, Supplier<URI> widgetPageBase) {
        this.settings = settings;
        this.state = state;
        this.tokens = tokens;
        this.baseUri = baseUri;
        this.widgetPageBase = widgetPageBase;
    }

    void register(Router router) {
        router.add("POST", TOKEN_PATH, this::operatorToken);
        router.add("POST", WIDGET_TOKEN_PATH, this::widgetToken);
        router.add("POST", DEPRECATED_WIDGET_TOKEN_PATH, this::widgetToken);
        router.add("POST", SCOPED_TOKEN_PATH, this::scopedToken);
        router.add("GET", SCOPED_TOKEN_INFO_PATH, this::scopedTokenInfo);
    }

    private Response operatorToken(Request request) {
        JsonNode body = request.json().orElse(null);
        if (body == null || !body.isObject()) {
            return new Errors.Validation().add("body", "The body must be a JSON object", "invalid_json").response();
        }
        Errors.Validation validation = new Errors.Validation();
        String clientId = requiredString(body, "client_id", validation);
        String clientSecret = requiredString(body, "client_secret", validation);
        if (!validation.isEmpty()) {
            return validation.response();
        }
        boolean idMatches = constantTimeEquals(clientId, settings.clientId());
        boolean secretMatches = constantTimeEquals(clientSecret, settings.clientSecret());
        if (!(idMatches & secretMatches)) {
            return Errors.detail(401, Errors.INVALID_CREDENTIALS);
        }
        String accessToken = tokens.issueOperatorToken(baseUri.get().toString(), clientId, settings.organizationId(),
                settings.operatorTokenLifetime());
        ObjectNode response = Json.object()
                .put("access_token", accessToken)
                .put("token_type", "bearer")
                .put("expires_in", settings.operatorTokenLifetime().toSeconds())
                .put("organization_id", settings.organizationId().toString());
        return Response.json(200, response).header("Cache-Control", "no-store");
    }

    private Response widgetToken(Request request) {
        OperatorJson call = operatorJson(request);
        if (call.refusal() != null) {
            return call.refusal();
        }
        String allowedOrigin = requiredString(call.body(), "allowed_origin", call.validation());
        if (allowedOrigin != null && allowedOrigin.isBlank()) {
            call.validation().add("allowed_origin", "String should have at least 1 character", "string_too_short");
        }
        UUID regionId = optionalUuid(call.body(), "region_id", call.validation());
        List<String> sourceTags = optionalTags(call.body(), "selected_source_template_tags", call.validation());
        String sourceTagsMode = optionalMode(call.body(), "selected_source_template_tags_mode", call.validation());
        List<String> connectionTags = optionalTags(call.body(), "selected_connection_template_tags", call.validation());
        String connectionTagsMode = optionalMode(call.body(), "selected_connection_template_tags_mode", call.validation());
        if (!call.validation().isEmpty()) {
            return call.validation().response();
        }
        EmulatorState.Workspace workspace = state.workspaceFor(call.workspaceName(), regionId);

        ObjectNode claims = scopedClaims(call.principal(), workspace);
        claims.put("allowed_origin", allowedOrigin);
        putTags(claims, "selected_source_template_tags", sourceTags);
        claims.put("selected_source_template_tags_mode", sourceTagsMode);
        putTags(claims, "selected_connection_template_tags", connectionTags);
        claims.put("selected_connection_template_tags_mode", connectionTagsMode);
        String jwt = tokens.issueScopedToken(claims);

        String widgetUrl = widgetPageBase.get() + WIDGET_PAGE_PATH
                + "?workspaceId=" + workspace.id()
                + "&allowedOrigin=" + URLEncoder.encode(allowedOrigin, StandardCharsets.UTF_8);
        ObjectNode blob = Json.object().put("token", jwt).put("widgetUrl", widgetUrl);
        String token = tokens.issued(Base64.getEncoder().encodeToString(Json.bytes(blob)));
        return Response.json(200, Json.object().put("token", token)).header("Cache-Control", "no-store");
    }

    /**
     * An operator's call with a JSON object body: the operator, the body and its {@code workspace_name}
     * (what is wrong with it noted in {@code validation}), or the answer that refuses the call.
     */
    private record OperatorJson(Tokens.Principal principal, JsonNode body, Errors.Validation validation, String workspaceName,
            Response refusal) {

        static OperatorJson refused(Response refusal) {
            return new OperatorJson(null, null, null, null, refusal);
        }
    }

    /** The call, or its refusal: 401 for anything but the operator token, 422 invalid_json for a body that is no object. */
    private OperatorJson operatorJson(Request request) {
        Optional<Tokens.Principal> principal = request.bearerToken().flatMap(tokens::verify);
        if (principal.isEmpty() || !principal.get().operator()) {
            return OperatorJson.refused(tokens.unauthorized(request));
        }
        JsonNode body = request.json().orElse(null);
        if (body == null || !body.isObject()) {
            return OperatorJson.refused(new Errors.Validation().add("body", "The body must be a JSON object", "invalid_json").response());
        }
        Errors.Validation validation = new Errors.Validation();
        return new OperatorJson(principal.get(), body, validation, workspaceName(body, validation), null);
    }

    /** The body's required, non-blank {@code workspace_name}; what is wrong with it goes to {@code validation}. */
    private static String workspaceName(JsonNode body, Errors.Validation validation) {
        String workspaceName = requiredString(body, "workspace_name", validation);
        if (workspaceName != null && workspaceName.isBlank()) {
            validation.add("workspace_name", "String should have at least 1 character", "string_too_short");
        }
        return workspaceName;
    }

    /**
     * A scoped token: a plain JWT for one workspace (created when missing), which sees and changes only
     * that workspace's sources. It lives as long as a widget token's JWT.
     */
    private Response scopedToken(Request request) {
        OperatorJson call = operatorJson(request);
        if (call.refusal() != null) {
            return call.refusal();
        }
        UUID regionId = optionalUuid(call.body(), "region_id", call.validation());
        if (!call.validation().isEmpty()) {
            return call.validation().response();
        }
        EmulatorState.Workspace workspace = state.workspaceFor(call.workspaceName(), regionId);
        String jwt = tokens.issueScopedToken(scopedClaims(call.principal(), workspace));
        return Response.json(200, Json.object().put("token", jwt)).header("Cache-Control", "no-store");
    }

    /** The claims every scoped JWT carries: issuer, type, lifetime and the one workspace it may act on. */
    private ObjectNode scopedClaims(Tokens.Principal operator, EmulatorState.Workspace workspace) {
        long now = tokens.now();
        ObjectNode claims = Json.object()
                .put("iss", baseUri.get().toString())
                .put("aud", "airbyte-server")
                .put("sub", operator.claims().path("sub").asText())
                .put("typ", Tokens.SCOPED_TYPE)
                .put("iat", now)
                .put("exp", now + settings.widgetTokenLifetime().toSeconds())
                .put("jti", UUID.randomUUID().toString());
        claims.putObject(WidgetToken.WORKSPACE_SCOPE_CLAIM).put("workspaceId", workspace.id().toString());
        claims.putObject("act").put("sub", workspace.name());
        claims.putArray("roles").add("EMBEDDED_END_USER");
        claims.put("organization_id", settings.organizationId().toString());
        claims.put("workspace_name", workspace.name());
        return claims;
    }

    private Response scopedTokenInfo(Request request) {
        Optional<Tokens.Principal> principal = request.bearerToken().flatMap(tokens::verify);
        if (principal.isEmpty() || principal.get().operator()) {
            return tokens.unauthorized(request);
        }
        Optional<EmulatorState.Workspace> workspace = state.workspace(principal.get().workspaceId());
        if (workspace.isEmpty()) {
            return Errors.unauthorized().header("X-Emulator-Auth-Error", "unknown-workspace");
        }
        ObjectNode response = Json.object()
                .put("organization_id", settings.organizationId().toString())
                .put("workspace_id", workspace.get().id().toString())
                .put("workspace_name", workspace.get().name());
        return Response.json(200, response);
    }

    private static void putTags(ObjectNode claims, String name, List<String> tags) {
        ArrayNode array = claims.putArray(name);
        tags.forEach(array::add);
    }

    static String requiredString(JsonNode body, String field, Errors.Validation validation) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            validation.missing(field);
            return null;
        }
        if (!value.isTextual()) {
            validation.add(field, "Input should be a valid string", "string_type");
            return null;
        }
        return value.asText();
    }

    private static UUID optionalUuid(JsonNode body, String field, Errors.Validation validation) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        try {
            if (value.isTextual()) {
                return UUID.fromString(value.asText());
            }
        } catch (IllegalArgumentException e) {
            // fall through
        }
        validation.add(field, "Input should be a valid UUID", "uuid_parsing");
        return null;
    }

    static List<String> optionalTags(JsonNode body, String field, Errors.Validation validation) {
        JsonNode value = body.get(field);
        List<String> tags = new ArrayList<>();
        if (value == null || value.isNull()) {
            return tags;
        }
        if (!value.isArray()) {
            validation.add(field, "Input should be a valid list", "list_type");
            return tags;
        }
        for (JsonNode tag : value) {
            if (!tag.isTextual()) {
                validation.add(field, "Input should be a list of strings", "string_type");
                return tags;
            }
            tags.add(tag.asText());
        }
        return tags;
    }

    static String optionalMode(JsonNode body, String field, Errors.Validation validation) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return "any";
        }
        if (!value.isTextual() || !TAG_MODES.contains(value.asText())) {
            validation.add(field, "Input should be 'all' or 'any'", "enum");
            return "any";
        }
        return value.asText();
    }

    private static boolean constantTimeEquals(String given, String expected) {
        return MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }
}
