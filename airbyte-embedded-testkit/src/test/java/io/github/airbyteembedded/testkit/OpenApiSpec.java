package io.github.airbyteembedded.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The vendor's OpenAPI spec, shipped in the testkit as the resource {@value #RESOURCE} (its origin is in
 * the README beside it), and checks of responses against it.
 */
final class OpenApiSpec {

    /** The spec's classpath location. */
    static final String RESOURCE = "/io/github/airbyteembedded/testkit/openapi/airbyte-agent-api.json";

    private final JsonNode spec;
    private final SchemaValidator validator;

    private OpenApiSpec(JsonNode spec) {
        this.spec = spec;
        this.validator = new SchemaValidator(spec);
    }

    static OpenApiSpec load() {
        try (InputStream in = OpenApiSpec.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the vendor's OpenAPI spec is not on the classpath at " + RESOURCE);
            }
            return new OpenApiSpec(TestHttp.MAPPER.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    JsonNode root() {
        return spec;
    }

    /** The response schema the spec declares for an operation and status; fails when it declares none. */
    JsonNode responseSchema(String method, String pathTemplate, int status) {
        JsonNode operation = spec.path("paths").path(pathTemplate).path(method.toLowerCase(java.util.Locale.ROOT));
        if (operation.isMissingNode()) {
            throw new AssertionError("the spec has no operation " + method + " " + pathTemplate);
        }
        JsonNode schema = operation.path("responses").path(Integer.toString(status))
                .path("content").path("application/json").path("schema");
        if (schema.isMissingNode()) {
            throw new AssertionError("the spec declares no JSON response " + status + " for " + method + " " + pathTemplate);
        }
        return schema;
    }

    /** Asserts that a response matches the spec's schema for its operation and status. */
    void assertConforms(String method, String pathTemplate, TestHttp.Result result) {
        JsonNode schema = responseSchema(method, pathTemplate, result.status());
        List<String> errors = validator.validate(schema, result.json());
        assertEquals(List.of(), errors, method + " " + pathTemplate + " " + result.status() + " does not conform: " + result.body());
    }

    SchemaValidator validator() {
        return validator;
    }
}
