package io.github.airbyteembedded.servlet.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.github.airbyteembedded.servlet.internal.settings.Setting;
import jakarta.servlet.ServletContext;
import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PluginSettingsTest {

    private static ServletContext contextParams(Map<String, String> params) {
        return (ServletContext) Proxy.newProxyInstance(PluginSettingsTest.class.getClassLoader(),
                new Class<?>[] {ServletContext.class}, (self, method, args) -> switch (method.getName()) {
                    case "getInitParameter" -> params.get((String) args[0]);
                    case "getInitParameterNames" -> Collections.enumeration(params.keySet());
                    default -> null;
                });
    }

    private static PluginSettings settings(Map<String, String> context, Map<String, String> environment,
            Map<String, String> properties) {
        return new PluginSettings("airbyteEmbedded", contextParams(context), environment::get, properties::get,
                properties.keySet());
    }

    @Test
    void environmentVariableNamesAreDerivedFromTheSettingNames() {
        assertEquals("AIRBYTE_CLIENT_ID", Setting.environmentVariable("client-id"));
        assertEquals("AIRBYTE_ALLOWED_ORIGINS", Setting.environmentVariable("allowed-origins"));
        assertEquals("AIRBYTE_WIDGET_CDN_BASE", Setting.environmentVariable("widget-cdn-base"));
        assertEquals("airbyte.widget-cdn-base", Setting.systemProperty("widget-cdn-base"));
    }

    @Test
    void aSystemPropertyWinsOverAnEnvironmentVariableWhichWinsOverAContextParam() {
        Map<String, String> context = Map.of("airbyte.client-id", "from-context", "airbyte.allowed-origins", "https://a.example",
                "airbyte.api-base-url", "http://127.0.0.1:8181");
        Map<String, String> environment = Map.of("AIRBYTE_CLIENT_ID", "from-env", "AIRBYTE_ALLOWED_ORIGINS", "https://b.example");
        Map<String, String> properties = Map.of("airbyte.client-id", "from-property");

        PluginSettings settings = settings(context, environment, properties);

        assertEquals("from-property", settings.getInitParameter("client-id"));
        assertEquals("https://b.example", settings.getInitParameter("allowed-origins"));
        assertEquals("http://127.0.0.1:8181", settings.getInitParameter("api-base-url"));
        assertNull(settings.getInitParameter("token-path"));
    }

    @Test
    void blankValuesCountAsUnset() {
        PluginSettings settings = settings(Map.of("airbyte.client-id", "from-context"), Map.of("AIRBYTE_CLIENT_ID", " "),
                Map.of("airbyte.client-id", ""));
        assertEquals("from-context", settings.getInitParameter("client-id"));
    }

    @Test
    void theSecretIsNamedForTheFilterNeverPassedAsAValue() {
        PluginSettings fromEnvironment = settings(Map.of(), Map.of("AIRBYTE_CLIENT_SECRET", "s3cret"), Map.of());
        assertEquals("AIRBYTE_CLIENT_SECRET", fromEnvironment.getInitParameter("client-secret-env"));
        assertNull(fromEnvironment.getInitParameter("client-secret-property"));
        assertNull(fromEnvironment.getInitParameter("client-secret"));

        PluginSettings fromProperty = settings(Map.of(), Map.of("AIRBYTE_CLIENT_SECRET", "s3cret"),
                Map.of("airbyte.client-secret", "s3cret"));
        assertEquals("airbyte.client-secret", fromProperty.getInitParameter("client-secret-property"));
        assertNull(fromProperty.getInitParameter("client-secret-env"));

        PluginSettings unset = settings(Map.of(), Map.of(), Map.of());
        assertEquals("AIRBYTE_CLIENT_SECRET", unset.getInitParameter("client-secret-env"),
                "the filter's error then names the variable to set");

        PluginSettings explicit = settings(Map.of("airbyte.client-secret-env", "MY_SECRET"), Map.of(), Map.of());
        assertEquals("MY_SECRET", explicit.getInitParameter("client-secret-env"));
        assertNull(explicit.getInitParameter("client-secret-property"));
    }

    @Test
    void namesAreThoseOfTheContextParamsAndSystemPropertiesSoTyposAreRefused() {
        PluginSettings settings = settings(Map.of("airbyte.client-id", "c", "airbyte.alowed-origins", "https://a.example",
                "org.example.other", "x"), Map.of("AIRBYTE_HOME", "/opt/airbyte"),
                Map.of("airbyte.token-path", "/t", "airbyte.client-secret", "s3cret", "java.version", "17"));

        assertEquals(List.of("alowed-origins", "client-id", "token-path"), Collections.list(settings.getInitParameterNames()));
    }

    @Test
    void errorMessagesSayWhereASettingIsRead() {
        assertEquals("the context-param airbyte.allowed-origins, the environment variable AIRBYTE_ALLOWED_ORIGINS or the "
                + "system property airbyte.allowed-origins", PluginSettings.sources("allowed-origins"));
        assertEquals("the environment variable AIRBYTE_CLIENT_SECRET or the system property airbyte.client-secret",
                PluginSettings.sources("client-secret"));
    }
}
