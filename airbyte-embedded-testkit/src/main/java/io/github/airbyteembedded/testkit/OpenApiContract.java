package io.github.airbyteembedded.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialects;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The vendor's OpenAPI spec, shipped in the testkit as the resource {@value #RESOURCE} (its origin is in
 * the README beside it), and the checks of one exchange against it: the request against its operation
 * (path, query and header parameters, the Bearer token the operation's security asks for, {@code
 * Content-Type}, the body against its schema) and the response against the schema of its status.
 *
 * <p>Schemas are JSON Schema draft 2020-12 (the spec's dialect, OpenAPI 3.1), checked by networknt's
 * validator with format assertions on ({@code uuid}, {@code date-time}...). The checks are stricter than
 * the spec in one way, on purpose: an object schema that lists its properties and says nothing of
 * others refuses others ({@code unevaluatedProperties: false}), so that neither the code under test nor
 * the emulator sends a field the vendor does not document. An object the spec declares open
 * ({@code additionalProperties: true}, such as a connector's {@code replication_config}) stays open.
 *
 * <p>The deliberate extras are {@link #ALLOWED_EXTRAS}: answers the spec does not list but the vendor's
 * service gives (FastAPI's {@code {"detail": ...}} for 401, 404 and 405), and the deprecated widget-token
 * path, checked as the operation it stands for.
 *
 * <p>One instance serves every emulator of the JVM ({@link #instance()}); it is thread-safe.
 */
final class OpenApiContract {

    /** The spec's classpath location. */
    static final String RESOURCE = "/io/github/airbyteembedded/testkit/openapi/airbyte-agent-api.json";

    /**
     * The deliberate extras, each with why the emulator has it. Everything else the emulator answers
     * under {@code /api/} is in the spec.
     */
    static final Map<String, String> ALLOWED_EXTRAS = Map.of(
            "401 {\"detail\": string}", "any operation: a missing, invalid, expired or revoked Bearer token, "
                    + "as the vendor's FastAPI service answers (the spec lists no 401)",
            "404 {\"detail\": string}", "an unknown path, or an unknown resource (connector, template, workspace)",
            "405 {\"detail\": string}", "a known path with another method",
            "POST " + AccountRoutes.DEPRECATED_WIDGET_TOKEN_PATH, "the deprecated widget-token path, which the "
                    + "vendor still serves: checked as create_account_applications_widget_token");

    /** A name for the spec document, never fetched: every reference in it is local. */
    private static final String DOCUMENT = "https://airbyte-emulator.invalid/openapi/airbyte-agent-api.json";
    /** Where the copied schemas of each operation's parts live in the checked document. */
    private static final String PARTS = "x-emulator-parts";
    private static final String DETAIL_PART = "allowed-extra-detail";
    private static final Set<Integer> DETAIL_STATUSES = Set.of(401, 404, 405);
    /** The keywords whose errors are located at the object and name the property they are about. */
    private static final Set<String> PROPERTY_KEYWORDS = Set.of("required", "unevaluatedProperties", "additionalProperties",
            "dependentRequired");
    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch", "head", "options");

    private static volatile OpenApiContract instance;

    /** One operation of the spec, with the schema keys of its parts. */
    record Operation(String id, String method, String pathTemplate, String[] segments, JsonNode node) {
    }

    private final JsonNode spec;
    private final List<Operation> operations = new ArrayList<>();
    private final SchemaRegistry registry;
    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

    private OpenApiContract(JsonNode spec) {
        this.spec = spec;
        ObjectNode checked = spec.deepCopy();
        ObjectNode parts = checked.putObject(PARTS);
        parts.set(DETAIL_PART, Json.parse("{\"type\":\"object\",\"required\":[\"detail\"],"
                + "\"properties\":{\"detail\":{\"type\":\"string\"}}}").orElseThrow());
        for (Map.Entry<String, JsonNode> path : spec.path("paths").properties()) {
            for (String method : METHODS) {
                JsonNode node = path.getValue().get(method);
                if (node != null && node.hasNonNull("operationId")) {
                    Operation operation = new Operation(node.get("operationId").asText(), method.toUpperCase(Locale.ROOT),
                            path.getKey(), segments(path.getKey()), node);
                    operations.add(operation);
                    copyParts(operation, parts);
                }
            }
        }
        closeObjects(checked);
        SchemaRegistryConfig config = SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build();
        this.registry = SchemaRegistry.withDefaultDialect(Dialects.getOpenApi31(), builder -> builder
                .schemaRegistryConfig(config)
                .schemas(Map.of(DOCUMENT, Json.write(checked))));
        // Compiled now, once per JVM, so that no call to an emulator waits for it (a health check that
        // gives the first token fetch two seconds would see it).
        parts.fieldNames().forEachRemaining(key -> schema(key).initializeValidators());
    }

    /** The contract of the spec the testkit ships, loaded once. */
    static OpenApiContract instance() {
        OpenApiContract loaded = instance;
        if (loaded == null) {
            synchronized (OpenApiContract.class) {
                loaded = instance;
                if (loaded == null) {
                    loaded = new OpenApiContract(load());
                    instance = loaded;
                }
            }
        }
        return loaded;
    }

    /** The spec as shipped. */
    static JsonNode load() {
        try (InputStream in = OpenApiContract.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the vendor's OpenAPI spec is missing from the testkit jar at " + RESOURCE);
            }
            return Json.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The spec as shipped (not the stricter copy the checks use). */
    JsonNode spec() {
        return spec;
    }

    /** The operation a call is checked as: the spec's, or the widget-token operation for its deprecated path. */
    Optional<Operation> operation(String method, String path) {
        String checkedPath = path.equals(AccountRoutes.DEPRECATED_WIDGET_TOKEN_PATH) ? AccountRoutes.WIDGET_TOKEN_PATH : path;
        String[] segments = segments(checkedPath);
        Operation best = null;
        int bestLiterals = -1;
        for (Operation operation : operations) {
            if (!operation.method().equals(method) || operation.segments().length != segments.length) {
                continue;
            }
            int literals = literalMatches(operation.segments(), segments);
            if (literals > bestLiterals) {
                best = operation;
                bestLiterals = literals;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Every operation of the spec. */
    List<Operation> operations() {
        return List.copyOf(operations);
    }

    /** The violations of a request; empty when it keeps the contract. */
    List<ContractViolation> checkRequest(Request request) {
        String call = request.endpoint();
        Optional<Operation> found = operation(request.method(), request.path());
        if (found.isEmpty()) {
            boolean pathKnown = operations.stream().anyMatch(op -> literalMatches(op.segments(), segments(request.path())) >= 0);
            return List.of(new ContractViolation(call, call, "/request",
                    pathKnown ? "the spec has no " + request.method() + " operation at this path" : "the spec has no such path"));
        }
        Operation operation = found.get();
        Violations violations = new Violations(operation.id(), call);
        checkParameters(operation, request, violations);
        if (!operation.node().path("security").isEmpty() && request.bearerToken().isEmpty()) {
            violations.add("/request/header/authorization", "the operation needs an Authorization: Bearer token");
        }
        checkBody(operation, request, violations);
        return violations.list();
    }

    /**
     * Whether a violation is one the emulator refuses the call for (422): a parameter, the content type
     * or the body. A missing Bearer token and an unknown operation are answered as the service answers
     * them (401, 404, 405), and only recorded.
     */
    static boolean refusesCall(ContractViolation violation) {
        return violation.pointer().startsWith("/request/") && !violation.pointer().equals("/request/header/authorization");
    }

    /** The violations of the response to a request; empty when it keeps the contract. */
    List<ContractViolation> checkResponse(Request request, Response response) {
        String call = request.endpoint();
        Optional<Operation> found = operation(request.method(), request.path());
        Violations violations = new Violations(found.map(Operation::id).orElse(call), call);
        int status = response.status();
        Optional<JsonNode> body = Json.parse(response.body());
        if (DETAIL_STATUSES.contains(status) && body.isPresent()
                && validate(DETAIL_PART, body.get()).isEmpty()) {
            return List.of(); // an allowed extra
        }
        if (found.isEmpty()) {
            violations.add("/response/status", "HTTP " + status + " to a call the spec has no operation for; only "
                    + DETAIL_STATUSES + " {\"detail\"} are allowed");
            return violations.list();
        }
        Operation operation = found.get();
        JsonNode declared = operation.node().path("responses").get(Integer.toString(status));
        if (declared == null) {
            declared = operation.node().path("responses").get("default");
        }
        if (declared == null) {
            violations.add("/response/status", "HTTP " + status + " is not a status the spec declares for the operation");
            return violations.list();
        }
        JsonNode content = declared.path("content");
        if (content.isEmpty()) {
            if (response.body().length > 0) {
                violations.add("/response/body", "the spec declares no body for HTTP " + status);
            }
            return violations.list();
        }
        String contentType = mediaType(response.headers().entrySet().stream()
                .filter(header -> header.getKey().equalsIgnoreCase("content-type"))
                .map(Map.Entry::getValue).findFirst().orElse(""));
        if (!content.has(contentType)) {
            violations.add("/response/header/content-type", "'" + contentType + "' is not one of " + fieldNames(content));
            return violations.list();
        }
        if (body.isEmpty()) {
            violations.add("/response/body", "not a JSON document");
            return violations.list();
        }
        for (Error error : validate(responseKey(operation, status), body.get())) {
            violations.add("/response/body" + pointer(error), error.getMessage());
        }
        return violations.list();
    }

    private void checkParameters(Operation operation, Request request, Violations violations) {
        Map<String, String> pathValues = pathValues(operation, request.path());
        List<String> declaredQuery = new ArrayList<>();
        for (JsonNode parameter : operation.node().path("parameters")) {
            String name = parameter.path("name").asText();
            String in = parameter.path("in").asText();
            boolean required = parameter.path("required").asBoolean(false);
            String pointer = "/request/" + in + "/" + escape(name);
            List<String> values = switch (in) {
                case "path" -> pathValues.containsKey(name) ? List.of(pathValues.get(name)) : List.of();
                case "query" -> {
                    declaredQuery.add(name);
                    yield request.queryParameters(name);
                }
                case "header" -> request.header(name).map(List::of).orElse(List.of());
                default -> List.of(); // cookies: none in the spec's operations
            };
            if (values.isEmpty()) {
                if (required) {
                    violations.add(pointer, "the " + in + " parameter '" + name + "' is required");
                }
                continue;
            }
            boolean array = takesArray(parameter.path("schema"));
            if (values.size() > 1 && !array) {
                violations.add(pointer, "given " + values.size() + " times; the parameter takes one value");
            }
            JsonNode value = TextNode.valueOf(values.get(0));
            if (array) {
                ArrayNode items = Json.array();
                values.forEach(items::add);
                value = items;
            }
            for (Error error : validate(parameterKey(operation, in, name), value)) {
                violations.add(pointer + pointer(error), error.getMessage());
            }
        }
        for (String name : request.queryNames()) {
            if (!declaredQuery.contains(name)) {
                violations.add("/request/query/" + escape(name), "'" + name + "' is not a query parameter of the operation");
            }
        }
    }

    /** Whether a parameter's schema takes a list (a repeated query parameter), alone or as one of its alternatives. */
    private static boolean takesArray(JsonNode schema) {
        if ("array".equals(schema.path("type").asText())) {
            return true;
        }
        for (JsonNode alternative : schema.path("anyOf")) {
            if ("array".equals(alternative.path("type").asText())) {
                return true;
            }
        }
        return false;
    }

    private void checkBody(Operation operation, Request request, Violations violations) {
        JsonNode requestBody = operation.node().get("requestBody");
        if (requestBody == null) {
            if (request.body().length > 0) {
                violations.add("/request/body", "the operation takes no body");
            }
            return;
        }
        JsonNode content = requestBody.path("content");
        String contentType = mediaType(request.header("content-type").orElse(""));
        if (request.body().length == 0) {
            if (requestBody.path("required").asBoolean(false)) {
                violations.add("/request/body", "the operation requires a body");
            }
            return;
        }
        if (!content.has(contentType)) {
            violations.add("/request/header/content-type", (contentType.isEmpty() ? "missing" : "'" + contentType + "'")
                    + "; the operation takes " + fieldNames(content));
            return;
        }
        Optional<JsonNode> body = Json.parse(request.body());
        if (body.isEmpty()) {
            violations.add("/request/body", "not a JSON document");
            return;
        }
        for (Error error : validate(requestKey(operation), body.get())) {
            violations.add("/request/body" + pointer(error), error.getMessage());
        }
    }

    /** Validates a value against one of the copied parts of the checked document. */
    List<Error> validate(String key, JsonNode value) {
        return schema(key).validate(value);
    }

    private Schema schema(String key) {
        return schemas.computeIfAbsent(key, k -> registry.getSchema(SchemaLocation.of(DOCUMENT + "#/" + PARTS + "/" + k)));
    }

    /** Copies the schemas of an operation's parameters, body and responses to {@code parts}, under keys without '/'. */
    private static void copyParts(Operation operation, ObjectNode parts) {
        for (JsonNode parameter : operation.node().path("parameters")) {
            if (parameter.has("schema")) {
                parts.set(parameterKey(operation, parameter.path("in").asText(), parameter.path("name").asText()),
                        parameter.get("schema").deepCopy());
            }
        }
        JsonNode body = operation.node().path("requestBody").path("content").path(Response.JSON).path("schema");
        if (!body.isMissingNode()) {
            parts.set(requestKey(operation), body.deepCopy());
        }
        for (Map.Entry<String, JsonNode> response : operation.node().path("responses").properties()) {
            JsonNode schema = response.getValue().path("content").path(Response.JSON).path("schema");
            if (!schema.isMissingNode()) {
                parts.set(operation.id() + ".response." + response.getKey(), schema.deepCopy());
            }
        }
    }

    private static String parameterKey(Operation operation, String in, String name) {
        return operation.id() + "." + in + "." + name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]", "_");
    }

    private static String requestKey(Operation operation) {
        return operation.id() + ".request";
    }

    private String responseKey(Operation operation, int status) {
        String key = operation.id() + ".response." + status;
        return operation.node().path("responses").has(Integer.toString(status)) ? key : operation.id() + ".response.default";
    }

    /**
     * Closes every object schema that lists its properties and says nothing of others: {@code
     * unevaluatedProperties: false}, so that undocumented fields are refused.
     */
    private static void closeObjects(JsonNode node) {
        if (node.isObject()) {
            ObjectNode object = (ObjectNode) node;
            if ("object".equals(object.path("type").asText()) && object.path("properties").isObject()
                    && !object.has("additionalProperties") && !object.has("unevaluatedProperties")) {
                object.put("unevaluatedProperties", false);
            }
        }
        for (JsonNode child : node) {
            closeObjects(child);
        }
    }

    /** The JSON pointer of an error within the validated value; a missing or undocumented property's own location. */
    private static String pointer(Error error) {
        String location = error.getInstanceLocation() == null ? "" : error.getInstanceLocation().toString();
        if (PROPERTY_KEYWORDS.contains(error.getKeyword()) && error.getProperty() != null
                && !location.endsWith("/" + escape(error.getProperty()))) {
            location = location + "/" + escape(error.getProperty());
        }
        return location;
    }

    private static Map<String, String> pathValues(Operation operation, String path) {
        String[] actual = segments(path.equals(AccountRoutes.DEPRECATED_WIDGET_TOKEN_PATH) ? AccountRoutes.WIDGET_TOKEN_PATH : path);
        Map<String, String> values = new LinkedHashMap<>();
        String[] template = operation.segments();
        for (int i = 0; i < template.length && i < actual.length; i++) {
            if (template[i].startsWith("{") && template[i].endsWith("}")) {
                values.put(template[i].substring(1, template[i].length() - 1), actual[i]);
            }
        }
        return values;
    }

    /** How many literal segments match, or -1 when the path does not fit the template. */
    private static int literalMatches(String[] template, String[] actual) {
        if (template.length != actual.length) {
            return -1;
        }
        int literals = 0;
        for (int i = 0; i < template.length; i++) {
            if (template[i].startsWith("{") && template[i].endsWith("}")) {
                if (actual[i].isEmpty()) {
                    return -1;
                }
            } else if (template[i].equals(actual[i])) {
                literals++;
            } else {
                return -1;
            }
        }
        return literals;
    }

    private static String[] segments(String path) {
        return (path.startsWith("/") ? path.substring(1) : path).split("/", -1);
    }

    private static String mediaType(String contentType) {
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    /** A JSON pointer token: '~' and '/' escaped. */
    static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }

    /** Collects the violations of one exchange. */
    private static final class Violations {
        private final String operation;
        private final String call;
        private final List<ContractViolation> list = new ArrayList<>();

        Violations(String operation, String call) {
            this.operation = operation;
            this.call = call;
        }

        void add(String pointer, String message) {
            list.add(new ContractViolation(operation, call, pointer, message));
        }

        List<ContractViolation> list() {
            return List.copyOf(list);
        }
    }
}
