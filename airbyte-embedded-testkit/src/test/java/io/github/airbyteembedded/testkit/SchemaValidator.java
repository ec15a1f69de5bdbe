package io.github.airbyteembedded.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A small JSON Schema validator for the parts of JSON Schema the vendor's OpenAPI 3.1 spec uses in the
 * responses the emulator implements: {@code $ref} (local), {@code type} (one or several), {@code properties},
 * {@code required}, {@code additionalProperties} (boolean or schema), {@code items}, {@code anyOf},
 * {@code oneOf}, {@code allOf}, {@code enum}, {@code const}, and the formats {@code uuid} and
 * {@code date-time}. Keywords it does not know (titles, descriptions, defaults, discriminators) are
 * ignored, which can only make it more lenient, never stricter. Its own tests are in SchemaValidatorTest.
 */
final class SchemaValidator {

    private final JsonNode root;

    SchemaValidator(JsonNode root) {
        this.root = root;
    }

    /** Problems found, each as "path: message"; empty when the value is valid. */
    List<String> validate(JsonNode schema, JsonNode value) {
        List<String> errors = new ArrayList<>();
        check(schema, value, "$", errors);
        return errors;
    }

    private JsonNode resolve(String ref) {
        if (!ref.startsWith("#/")) {
            throw new IllegalArgumentException("only local references are supported: " + ref);
        }
        JsonNode node = root;
        for (String part : ref.substring(2).split("/")) {
            node = node.path(part.replace("~1", "/").replace("~0", "~"));
        }
        if (node.isMissingNode()) {
            throw new IllegalArgumentException("unresolvable reference " + ref);
        }
        return node;
    }

    private void check(JsonNode schema, JsonNode value, String path, List<String> errors) {
        if (schema.isBoolean()) {
            if (!schema.asBoolean()) {
                errors.add(path + ": no value is allowed here");
            }
            return;
        }
        if (schema.has("$ref")) {
            check(resolve(schema.get("$ref").asText()), value, path, errors);
        }
        if (schema.has("type") && !typeMatches(schema.get("type"), value)) {
            errors.add(path + ": expected type " + schema.get("type") + " but was " + value.getNodeType());
            return;
        }
        if (schema.has("enum")) {
            boolean found = false;
            for (JsonNode allowed : schema.get("enum")) {
                found |= allowed.equals(value);
            }
            if (!found) {
                errors.add(path + ": " + value + " is not one of " + schema.get("enum"));
            }
        }
        if (schema.has("const") && !schema.get("const").equals(value)) {
            errors.add(path + ": expected " + schema.get("const"));
        }
        if (schema.has("format") && value.isTextual()) {
            checkFormat(schema.get("format").asText(), value.asText(), path, errors);
        }
        if (schema.has("allOf")) {
            for (JsonNode part : schema.get("allOf")) {
                check(part, value, path, errors);
            }
        }
        if (schema.has("anyOf")) {
            int matches = countMatches(schema.get("anyOf"), value, path);
            if (matches == 0) {
                errors.add(path + ": matches none of anyOf " + summary(schema.get("anyOf")));
            }
        }
        if (schema.has("oneOf")) {
            int matches = countMatches(schema.get("oneOf"), value, path);
            if (matches != 1) {
                errors.add(path + ": matches " + matches + " of oneOf, expected exactly 1");
            }
        }
        if (value.isObject()) {
            checkObject(schema, value, path, errors);
        }
        if (value.isArray() && schema.has("items")) {
            for (int i = 0; i < value.size(); i++) {
                check(schema.get("items"), value.get(i), path + "[" + i + "]", errors);
            }
        }
    }

    private void checkObject(JsonNode schema, JsonNode value, String path, List<String> errors) {
        for (JsonNode required : schema.path("required")) {
            if (!value.has(required.asText())) {
                errors.add(path + ": required property '" + required.asText() + "' is missing");
            }
        }
        JsonNode properties = schema.path("properties");
        for (Map.Entry<String, JsonNode> field : value.properties()) {
            JsonNode propertySchema = properties.get(field.getKey());
            if (propertySchema != null) {
                check(propertySchema, field.getValue(), path + "." + field.getKey(), errors);
            } else if (schema.has("additionalProperties")) {
                check(schema.get("additionalProperties"), field.getValue(), path + "." + field.getKey(), errors);
            }
        }
    }

    private int countMatches(JsonNode alternatives, JsonNode value, String path) {
        int matches = 0;
        for (JsonNode alternative : alternatives) {
            List<String> sub = new ArrayList<>();
            check(alternative, value, path, sub);
            if (sub.isEmpty()) {
                matches++;
            }
        }
        return matches;
    }

    private static String summary(JsonNode alternatives) {
        String text = alternatives.toString();
        return text.length() > 160 ? text.substring(0, 160) + "…" : text;
    }

    private static boolean typeMatches(JsonNode type, JsonNode value) {
        if (type.isArray()) {
            for (JsonNode one : type) {
                if (typeMatches(one, value)) {
                    return true;
                }
            }
            return false;
        }
        return switch (type.asText()) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isTextual();
            case "integer" -> value.isIntegralNumber();
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            case "null" -> value.isNull();
            default -> throw new IllegalArgumentException("unknown type " + type);
        };
    }

    private static void checkFormat(String format, String text, String path, List<String> errors) {
        try {
            switch (format) {
                case "uuid" -> {
                    if (!text.equalsIgnoreCase(UUID.fromString(text).toString())) {
                        errors.add(path + ": not a canonical uuid");
                    }
                }
                case "date-time" -> OffsetDateTime.parse(text);
                default -> {
                    // other formats are not checked
                }
            }
        } catch (IllegalArgumentException | DateTimeParseException e) {
            errors.add(path + ": '" + text + "' is not a valid " + format);
        }
    }
}
