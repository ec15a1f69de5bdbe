package io.github.airbyteembedded.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** Masks the fields a connector spec marks {@code airbyte_secret}, and restores them on update. */
final class Redaction {

    static final String MASK = "**********";

    private Redaction() {
    }

    /** A copy of {@code config} with every secret field (at any depth the spec describes) masked. */
    static ObjectNode redact(ObjectNode config, JsonNode spec) {
        ObjectNode copy = config.deepCopy();
        mask(copy, spec);
        return copy;
    }

    private static void mask(ObjectNode config, JsonNode spec) {
        JsonNode properties = spec.path("properties");
        for (String name : names(config)) {
            JsonNode value = config.get(name);
            JsonNode fieldSpec = properties.path(name);
            if (fieldSpec.path("airbyte_secret").asBoolean(false)) {
                config.put(name, MASK);
            } else if (value.isObject() && fieldSpec.isObject()) {
                mask((ObjectNode) value, fieldSpec);
            }
        }
    }

    /**
     * The configuration to store on update: {@code incoming}, except that a secret field still holding the
     * mask keeps its previous value.
     */
    static ObjectNode mergeForUpdate(ObjectNode previous, ObjectNode incoming, JsonNode spec) {
        ObjectNode merged = incoming.deepCopy();
        restore(previous, merged, spec);
        return merged;
    }

    private static void restore(ObjectNode previous, ObjectNode merged, JsonNode spec) {
        JsonNode properties = spec.path("properties");
        for (String name : names(merged)) {
            JsonNode value = merged.get(name);
            JsonNode fieldSpec = properties.path(name);
            JsonNode old = previous.get(name);
            if (fieldSpec.path("airbyte_secret").asBoolean(false) && MASK.equals(value.asText(null)) && old != null) {
                merged.set(name, old.deepCopy());
            } else if (value.isObject() && old != null && old.isObject()) {
                restore((ObjectNode) old, (ObjectNode) value, fieldSpec);
            }
        }
    }

    private static List<String> names(ObjectNode node) {
        List<String> names = new ArrayList<>();
        node.properties().forEach(entry -> names.add(entry.getKey()));
        return names;
    }
}
