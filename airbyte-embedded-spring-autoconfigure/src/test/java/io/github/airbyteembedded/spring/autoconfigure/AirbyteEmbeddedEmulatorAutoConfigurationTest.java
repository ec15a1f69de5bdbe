package io.github.airbyteembedded.spring.autoconfigure;

import static io.github.airbyteembedded.spring.autoconfigure.AirbyteEmbeddedAutoConfigurationTest.REQUIRED;
import static io.github.airbyteembedded.spring.autoconfigure.AirbyteEmbeddedAutoConfigurationTest.SECRET;
import static io.github.airbyteembedded.spring.autoconfigure.AirbyteEmbeddedAutoConfigurationTest.startupFailure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.airbyteembedded.servlet.AirbyteEmbedded;
import io.github.airbyteembedded.servlet.AirbyteEmbeddedConfig;
import io.github.airbyteembedded.testkit.AirbyteEmulator;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

/** The development emulator ({@code airbyte.embedded.emulator=true}). */
class AirbyteEmbeddedEmulatorAutoConfigurationTest {

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(AirbyteEmbeddedAutoConfiguration.class));

    @Test
    void startsWithoutTheTestkitWhenTheEmulatorIsOff() {
        runner.withPropertyValues(REQUIRED).withClassLoader(new FilteredClassLoader("io.github.airbyteembedded.testkit"))
                .run(context -> {
                    assertNull(context.getStartupFailure());
                    assertEquals(1, context.getBeansOfType(AirbyteEmbedded.class).size());
                });
    }

    @Test
    void refusesTheEmulatorWithoutTheTestkit() {
        runner.withPropertyValues("airbyte.embedded.emulator.enabled=true", "airbyte.embedded.allowed-origins=http://localhost:8080")
                .withClassLoader(new FilteredClassLoader("io.github.airbyteembedded.testkit"))
                .run(context -> assertEquals("emulator", startupFailure(context).setting()));
    }

    @Test
    void startsTheEmulatorPointsAtItWithoutCredentialsAndStopsItOnClose() {
        AtomicReference<URI> emulatorUri = new AtomicReference<>();
        runner.withPropertyValues("airbyte.embedded.emulator.enabled=true", "airbyte.embedded.allowed-origins=http://localhost:8080")
                .run(context -> {
                    assertNull(context.getStartupFailure());
                    AirbyteEmulator emulator = context.getBean(AirbyteEmulator.class);
                    AirbyteEmbeddedConfig config = context.getBean(AirbyteEmbeddedConfig.class);
                    assertEquals(emulator.baseUri(), config.apiBaseUri());
                    assertEquals(AirbyteEmulator.DEFAULT_CLIENT_ID, config.clientId());
                    assertEquals(emulator.baseUri() + "/npm", config.widgetScript().cdnBase(), "the emulator serves the widget");
                    assertEquals(Optional.of(AirbyteEmulator.widgetScriptIntegrity()), config.widgetScript().integrity());
                    assertTrue(context.getBean(AirbyteEmbedded.class).checkOperatorToken().join().available(),
                            "the emulator accepts the credentials the configuration was given");
                    emulatorUri.set(emulator.baseUri());
                });
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest probe = HttpRequest.newBuilder(emulatorUri.get().resolve("/_emulator/calls")).timeout(Duration.ofSeconds(5)).build();
        assertThrows(IOException.class, () -> client.send(probe, HttpResponse.BodyHandlers.discarding()));
    }

    @Test
    void theEmulatorOverridesTheServiceSettingsAndWarnsThatTheRealClientIdIsIgnored() {
        try (CapturedLog log = CapturedLog.of(AirbyteEmbeddedAutoConfiguration.class)) {
            runner.withPropertyValues(REQUIRED).withPropertyValues("airbyte.embedded.emulator.enabled=true").run(context -> {
                AirbyteEmbeddedConfig config = context.getBean(AirbyteEmbeddedConfig.class);
                assertEquals(context.getBean(AirbyteEmulator.class).baseUri(), config.apiBaseUri());
                assertEquals(AirbyteEmulator.DEFAULT_CLIENT_ID, config.clientId());
            });
            List<String> warnings = log.messages(Level.WARNING);
            assertEquals(1, warnings.size(), log.messages().toString());
            assertTrue(warnings.get(0).contains("airbyte.embedded.emulator=true"), warnings.get(0));
            assertTrue(warnings.get(0).contains("airbyte.embedded.client-id is ignored"), warnings.get(0));
            assertFalse(log.messages().stream().anyMatch(line -> line.contains(SECRET) || line.contains("test-client")),
                    "neither the secret nor the client id is logged");
        }
    }

    @Test
    void theEmulatorWithoutAClientIdOrWithItsOwnLogsNoWarning() {
        try (CapturedLog log = CapturedLog.of(AirbyteEmbeddedAutoConfiguration.class)) {
            runner.withPropertyValues("airbyte.embedded.emulator.enabled=true", "airbyte.embedded.allowed-origins=http://localhost:8080")
                    .run(context -> assertNull(context.getStartupFailure()));
            runner.withPropertyValues("airbyte.embedded.emulator.enabled=true", "airbyte.embedded.allowed-origins=http://localhost:8080",
                    "airbyte.embedded.client-id= ")
                    .run(context -> assertNull(context.getStartupFailure()));
            runner.withPropertyValues("airbyte.embedded.emulator.enabled=true", "airbyte.embedded.allowed-origins=http://localhost:8080",
                    "airbyte.embedded.client-id=" + AirbyteEmulator.DEFAULT_CLIENT_ID)
                    .run(context -> assertNull(context.getStartupFailure()));
            assertEquals(List.of(), log.messages(Level.WARNING));
        }
    }

    @Test
    void namesTheEmulatorPortWhenItIsTaken() {
        try (AirbyteEmulator taken = AirbyteEmulator.builder().build().start()) {
            runner.withPropertyValues("airbyte.embedded.emulator.enabled=true", "airbyte.embedded.allowed-origins=http://localhost:8080",
                    "airbyte.embedded.emulator.port=" + taken.port())
                    .run(context -> assertEquals("emulator-port", startupFailure(context).setting()));
        }
    }
}
