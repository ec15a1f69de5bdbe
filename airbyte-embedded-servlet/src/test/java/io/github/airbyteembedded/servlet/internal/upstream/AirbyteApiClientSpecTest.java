package io.github.airbyteembedded.servlet.internal.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every path the client calls is in the vendor's OpenAPI spec (the copy the testkit ships), with the
 * method the client uses; the testkit's SpecDriftTest fails when those operations change.
 */
final class AirbyteApiClientSpecTest {

    private static final String SPEC = "/io/github/airbyteembedded/testkit/openapi/airbyte-agent-api.json";

    /** The client's calls: method and path template, as the spec writes them. */
    private static final Map<String, List<String>> CALLS = Map.of(
            AirbyteApiClient.TOKEN_PATH, List.of("post"),
            AirbyteApiClient.WIDGET_TOKEN_PATH, List.of("post"),
            AirbyteApiClient.SCOPED_TOKEN_PATH, List.of("post"),
            AirbyteApiClient.CONNECTORS_PATH, List.of("get"),
            AirbyteApiClient.CONNECTORS_PATH + "/{id}", List.of("get", "delete"));

    private static JsonNode spec() throws Exception {
        try (InputStream in = AirbyteApiClientSpecTest.class.getResourceAsStream(SPEC)) {
            return Json.MAPPER.readTree(in);
        }
    }

    @Test
    void everyPathOfTheClientIsInTheSpecWithTheMethodItUses() throws Exception {
        JsonNode paths = spec().path("paths");
        CALLS.forEach((path, methods) -> methods.forEach(method ->
                assertFalse(paths.path(path).path(method).isMissingNode(), method.toUpperCase() + " " + path)));
    }

    @Test
    void everyPathConstantOfTheClientIsOneOfTheCallsChecked() throws Exception {
        List<String> constants = new ArrayList<>();
        for (Field field : AirbyteApiClient.class.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class && field.getName().endsWith("_PATH")) {
                field.setAccessible(true);
                constants.add((String) field.get(null));
            }
        }
        assertEquals(4, constants.size(), constants.toString());
        constants.forEach(path -> assertTrue(CALLS.containsKey(path), path + " is called but not checked against the spec"));
    }
}
