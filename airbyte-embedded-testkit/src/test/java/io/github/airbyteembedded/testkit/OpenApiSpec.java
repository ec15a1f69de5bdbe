package io.github.airbyteembedded.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * The vendor's OpenAPI spec ({@code ../shared/airbyte-api/openapi.json}, path given by the build as the
 * system property {@code airbyte.openapi.spec}) and checks of responses against it. Without the file,
 * tests fail on CI and are skipped with a reason elsewhere.
 */
final class OpenApiSpec {

    private final JsonNode spec;
    private final SchemaValidator validator;

    private OpenApiSpec(JsonNode spec) {
        this.spec = spec;
        this.validator = new SchemaValidator(spec);
    }

    static OpenApiSpec load() {
        String location = System.getProperty("airbyte.openapi.spec", "../../shared/airbyte-api/openapi.json");
        Path path = Path.of(location);
        if (!Files.isRegularFile(path)) {
            String reason = "the vendor's OpenAPI spec is not at " + path.toAbsolutePath().normalize();
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException(reason);
            }
            Assumptions.abort(reason);
        }
        try {
            return new OpenApiSpec(TestHttp.MAPPER.readTree(Files.readAllBytes(path)));
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
