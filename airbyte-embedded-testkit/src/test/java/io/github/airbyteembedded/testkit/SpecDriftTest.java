package io.github.airbyteembedded.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The spec drift guard: the operations the library calls, with every schema they use inlined, are kept
 * in {@value #SNAPSHOT}; when a newer copy of the vendor's spec changes one of them (a field, a type, a
 * status, a parameter), this test fails naming it, and writes the new form to {@value #NEW_SNAPSHOT} to
 * diff against. Review what changed for the library and the emulator, then copy the new form over the
 * snapshot.
 */
class SpecDriftTest {

    /** The operations the library calls: operationId, method, path. */
    static final List<List<String>> OPERATIONS_WE_CALL = List.of(
            List.of("create_account_applications_token", "POST", "/api/v1/account/applications/token"),
            List.of("create_account_applications_widget_token", "POST", "/api/v1/account/applications/widget-token"),
            List.of("create_account_applications_scoped_token", "POST", "/api/v1/account/applications/scoped-token"),
            List.of("list_integrations_connectors", "GET", "/api/v1/integrations/connectors"),
            List.of("get_integrations_connectors_id", "GET", "/api/v1/integrations/connectors/{id}"),
            List.of("delete_integrations_connectors_id", "DELETE", "/api/v1/integrations/connectors/{id}"));

    static final String SNAPSHOT = "/io/github/airbyteembedded/testkit/openapi/operations-we-call.json";
    static final String NEW_SNAPSHOT = "target/spec-drift/operations-we-call.json";

    private static final JsonMapper SORTED = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    @Test
    void theOperationsTheLibraryCallsAreInTheSpecAtTheirPathsAndMethods() {
        JsonNode spec = OpenApiContract.load();
        for (List<String> operation : OPERATIONS_WE_CALL) {
            JsonNode node = spec.path("paths").path(operation.get(2)).path(operation.get(1).toLowerCase(Locale.ROOT));
            assertEquals(operation.get(0), node.path("operationId").asText(), operation.toString());
        }
    }

    @Test
    void theOperationsTheLibraryCallsAndTheirSchemasAreUnchanged() throws IOException {
        JsonNode spec = OpenApiContract.load();
        ObjectNode current = JsonNodeFactory.instance.objectNode();
        for (List<String> operation : OPERATIONS_WE_CALL) {
            JsonNode node = spec.path("paths").path(operation.get(2)).path(operation.get(1).toLowerCase(Locale.ROOT));
            current.set(operation.get(1) + " " + operation.get(2), inline(spec, node, new ArrayDeque<>()));
        }
        JsonNode snapshot;
        try (InputStream in = SpecDriftTest.class.getResourceAsStream(SNAPSHOT)) {
            snapshot = in == null ? JsonNodeFactory.instance.objectNode() : SORTED.readTree(in);
        }
        List<String> changed = new ArrayList<>();
        current.properties().forEach(entry -> {
            if (!entry.getValue().equals(snapshot.get(entry.getKey()))) {
                changed.add(entry.getKey());
            }
        });
        snapshot.fieldNames().forEachRemaining(name -> {
            if (!current.has(name)) {
                changed.add(name + " (no longer called)");
            }
        });
        if (!changed.isEmpty()) {
            Path written = Path.of(NEW_SNAPSHOT);
            Files.createDirectories(written.getParent());
            Files.writeString(written, SORTED.writeValueAsString(SORTED.treeToValue(current, Object.class)) + "\n");
            fail("The vendor's spec changed operations the library calls: " + changed + ". Their new form is in "
                    + written.toAbsolutePath() + "; diff it against src/test/resources" + SNAPSHOT
                    + ", adapt the library and the emulator, then copy it over.");
        }
        assertTrue(current.size() == OPERATIONS_WE_CALL.size());
    }

    /** The node with every local {@code $ref} replaced by what it names (a reference back into itself kept as is). */
    private static JsonNode inline(JsonNode root, JsonNode node, Deque<String> resolving) {
        if (node.isObject()) {
            JsonNode ref = node.get("$ref");
            if (ref != null && ref.isTextual() && ref.asText().startsWith("#/") && !resolving.contains(ref.asText())) {
                resolving.push(ref.asText());
                JsonNode target = root.at(ref.asText().substring(1));
                ObjectNode resolved = JsonNodeFactory.instance.objectNode();
                inline(root, target, resolving).properties().forEach(entry -> resolved.set(entry.getKey(), entry.getValue()));
                node.properties().forEach(entry -> {
                    if (!entry.getKey().equals("$ref")) {
                        resolved.set(entry.getKey(), inline(root, entry.getValue(), resolving));
                    }
                });
                resolving.pop();
                return resolved;
            }
            Map<String, JsonNode> sorted = new TreeMap<>();
            node.properties().forEach(entry -> sorted.put(entry.getKey(), inline(root, entry.getValue(), resolving)));
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            sorted.forEach(copy::set);
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            node.forEach(item -> copy.add(inline(root, item, resolving)));
            return copy;
        }
        return node;
    }
}
