package io.github.airbyteembedded.servlet.internal.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.airbyteembedded.servlet.AirbyteEmbeddedConfig;
import io.github.airbyteembedded.servlet.AirbyteEmbeddedConfigException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reading the filter's init-params, every setting of the {@link Settings} table from any text: a valid
 * minimal configuration plus one init-param (any known name, an older name or an indirection, or any
 * other name) with any value. Reading either gives a configuration or throws {@link
 * AirbyteEmbeddedConfigException} naming a setting, never another exception; neither the exception's
 * message nor the configuration's {@code toString()} ever holds the client secret, which the reader
 * gets from the environment (unless the fuzzed name or value is that text itself: a message may quote
 * a wrong name or a wrong value of a setting that is not secret); and reading the same init-params
 * twice gives the same configuration.
 */
class InitParamsFuzzTest {

    private static final String SECRET = "fuzz-client-secret-4f1c9a";
    private static final List<String> NAMES = names();

    /** First line: a number picks a known init-param name (anything else is the name itself); the rest is the value. */
    @FuzzTest
    void initParam(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        int newline = text.indexOf('\n');
        String first = newline < 0 ? text : text.substring(0, newline);
        String value = newline < 0 ? "" : text.substring(newline + 1);
        String name = name(first);
        if (name.equals(Settings.EMULATOR.key())) {
            return; // emulator=true starts a server; its parsing is a boolean's, covered through source-routes
        }
        Map<String, String> params = new LinkedHashMap<>();
        params.put("client-id", "fuzz-client");
        params.put("client-secret-env", "FUZZ_SECRET");
        params.put("allowed-origins", "https://app.example.com");
        params.put(name, value);
        FilterConfigReader reader = new FilterConfigReader(variable -> variable.equals("FUZZ_SECRET") ? SECRET : null,
                property -> null);
        boolean quotesTheSecret = text.contains(SECRET);
        String once = outcome(reader, params, quotesTheSecret);
        assertEquals(once, outcome(reader, params, quotesTheSecret), "the same init-params read the same");
    }

    private static String outcome(FilterConfigReader reader, Map<String, String> params, boolean inputHasTheSecret) {
        try {
            AirbyteEmbeddedConfig config = reader.read(MapFilterConfig.of(params));
            String shown = config.toString();
            assertFalse(!inputHasTheSecret && shown.contains(SECRET), "the configuration never shows the secret");
            return shown;
        } catch (AirbyteEmbeddedConfigException e) {
            assertNotNull(e.getMessage());
            assertFalse(!inputHasTheSecret && e.getMessage().contains(SECRET), "an error never shows the secret");
            return "refused: " + e.getMessage();
        }
    }

    private static String name(String line) {
        try {
            int index = Integer.parseInt(line.strip());
            return NAMES.get(Math.floorMod(index, NAMES.size()));
        } catch (NumberFormatException e) {
            return line;
        }
    }

    private static List<String> names() {
        List<String> names = new ArrayList<>(FilterConfigReader.KNOWN);
        Collections.sort(names);
        return List.copyOf(names);
    }
}
