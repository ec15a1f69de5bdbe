package io.github.airbyteembedded.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * How the emulator judges a connector configuration: it must match the connector spec (required fields
 * present and non-empty, JSON types and enums respected), and the emulated "check" fails when any string
 * value, at any depth, is exactly {@value AirbyteEmulator#INVALID_CREDENTIAL_VALUE}.
 */
final class ConfigRules {

    private ConfigRules() {
    }

    /** Adds one validation error per problem, with fields named {@code prefix.path}. */
    static void validate(JsonNode spec, JsonNode config, String prefix, Errors.Validation validation) {
        if (config == null || !config.isObject()) {
            validation.add(prefix, "Input should be a valid dictionary", "dict_type");
            return;
        }
        for (JsonNode required : spec.path("required")) {
            JsonNode value = config.get(required.asText());
            if (value == null || value.isNull() || (value.isTextual() && value.asText().isBlank())
                    || (value.isArray() && value.isEmpty())) {
                validation.missing(prefix + "." + required.asText());
            }
        }
        JsonNode properties = spec.path("properties");
        for (Map.Entry<String, JsonNode> field : config.properties()) {
            JsonNode fieldSpec = properties.get(field.getKey());
            JsonNode value = field.getValue();
            if (fieldSpec == null || value.isNull()) {
                continue;
            }
            String name = prefix + "." + field.getKey();
            String type = fieldSpec.path("type").asText("");
            boolean ok = switch (type) {
                case "string" -> value.isTextual();
                case "integer" -> value.isIntegralNumber();
                case "number" -> value.isNumber();
                case "boolean" -> value.isBoolean();
                case "array" -> value.isArray();
                case "object" -> value.isObject();
                default -> true;
            };
            if (!ok) {
                validation.add(name, "Input should be a valid " + type, type + "_type");
                continue;
            }
            JsonNode allowed = fieldSpec.get("enum");
            if (allowed != null && allowed.isArray() && !contains(allowed, value)) {
                validation.add(name, "Input should be one of " + allowed, "enum");
            }
            if ("object".equals(type)) {
                validate(fieldSpec, value, name, validation);
            }
        }
    }

    private static boolean contains(JsonNode array, JsonNode value) {
        for (JsonNode candidate : array) {
            if (candidate.equals(value)) {
                return true;
            }
        }
        return false;
    }

    /** The path of the first value the emulated check rejects, if any. */
    static Optional<String> rejectedField(JsonNode config, String prefix) {
        if (config == null) {
            return Optional.empty();
        }
        if (config.isTextual()) {
            return AirbyteEmulator.INVALID_CREDENTIAL_VALUE.equals(config.asText()) ? Optional.of(prefix) : Optional.empty();
        }
        if (config.isArray()) {
            for (int i = 0; i < config.size(); i++) {
                Optional<String> found = rejectedField(config.get(i), prefix + "[" + i + "]");
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        if (config.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = config.properties().iterator();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                Optional<String> found = rejectedField(field.getValue(), prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey());
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    /** The message of a failed check; names the field, never its value beyond the documented constant. */
    static String checkFailureMessage(String field) {
        return "Could not connect with the provided configuration: the emulator rejects '" + field
                + "' because its value is \"" + AirbyteEmulator.INVALID_CREDENTIAL_VALUE + "\"";
    }
}
