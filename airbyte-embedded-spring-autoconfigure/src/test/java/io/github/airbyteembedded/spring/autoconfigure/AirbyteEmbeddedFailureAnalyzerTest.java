package io.github.airbyteembedded.spring.autoconfigure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.airbyteembedded.servlet.AirbyteEmbeddedConfig;
import io.github.airbyteembedded.servlet.AirbyteEmbeddedConfigException;
import io.github.airbyteembedded.testkit.AirbyteEmulator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.ResourcePropertySource;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.mock.env.MockEnvironment;

class AirbyteEmbeddedFailureAnalyzerTest {

    private static final String SECRET = AirbyteEmbeddedAutoConfigurationTest.SECRET;
    /** An environment variable no machine sets. */
    private static final String UNSET_VARIABLE = "AIRBYTE_EMBEDDED_TEST_VARIABLE_NEVER_SET";

    private final AirbyteEmbeddedFailureAnalyzer analyzer = new AirbyteEmbeddedFailureAnalyzer();

    @Test
    void namesThePropertyAndSaysHowToSetTheOrigins() {
        FailureAnalysis analysis = analyzeStartup("airbyte.embedded.client-id=test-client",
                "airbyte.embedded.client-secret=" + SECRET);
        assertEquals("Airbyte Embedded is not configured correctly: airbyte.embedded.allowed-origins is required: list "
                + "the origins of the pages that host the widget, such as https://app.example.com.", analysis.getDescription());
        assertTrue(analysis.getAction().startsWith("Set airbyte.embedded.allowed-origins (in application.properties, or "
                + "the environment variable AIRBYTE_EMBEDDED_ALLOWEDORIGINS)"), analysis.getAction());
        assertFalse(analysis.getDescription().contains(SECRET));
        assertFalse(analysis.getAction().contains(SECRET));
    }

    @Test
    void namesAnInvalidOriginWithoutRepeatingTheSecret() {
        FailureAnalysis analysis = analyzeStartup("airbyte.embedded.client-id=test-client",
                "airbyte.embedded.client-secret=" + SECRET, "airbyte.embedded.allowed-origins=https://app.example.com/path");
        assertTrue(analysis.getDescription().startsWith("Airbyte Embedded is not configured correctly: airbyte.embedded.allowed-origins "),
                analysis.getDescription());
        assertFalse(analysis.getDescription().contains(SECRET));
    }

    @Test
    void anUnsetVariableInTheClientIdIsIgnoredWithTheEmulatorInsteadOfFailingInACondition() {
        new WebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(AirbyteEmbeddedAutoConfiguration.class))
                .withPropertyValues("airbyte.embedded.client-id=${" + UNSET_VARIABLE + "}",
                        "airbyte.embedded.client-secret=${" + UNSET_VARIABLE + "_SECRET}",
                        "airbyte.embedded.emulator=true", "airbyte.embedded.allowed-origins=http://localhost:8080")
                .run(context -> {
                    assertNull(context.getStartupFailure());
                    assertEquals(AirbyteEmulator.DEFAULT_CLIENT_ID, context.getBean(AirbyteEmbeddedConfig.class).clientId());
                });
    }

    @Test
    void anUnsetVariableInTheClientIdWithoutTheEmulatorNamesThePropertyTheVariableAndTheOptionalForm() {
        FailureAnalysis analysis = analyzeStartup("airbyte.embedded.client-id=${" + UNSET_VARIABLE + "}",
                "airbyte.embedded.client-secret=" + SECRET, "airbyte.embedded.allowed-origins=http://localhost:8080");
        assertEquals("Airbyte Embedded is not configured correctly: airbyte.embedded.client-id refers to ${" + UNSET_VARIABLE
                + "}, which is not set (no environment variable or property of that name).", analysis.getDescription());
        assertTrue(analysis.getAction().contains("Set the environment variable " + UNSET_VARIABLE), analysis.getAction());
        assertTrue(analysis.getAction().contains("${" + UNSET_VARIABLE + ":}"), analysis.getAction());
        assertTrue(analysis.getAction().contains("airbyte.embedded.emulator=true"), analysis.getAction());
    }

    @Test
    void anUnsetVariableInAnotherPropertyFailsTheStartNamingIt() {
        FailureAnalysis analysis = analyzeStartup("airbyte.embedded.emulator=true",
                "airbyte.embedded.allowed-origins=${" + UNSET_VARIABLE + "}");
        assertTrue(analysis.getDescription().startsWith("Airbyte Embedded is not configured correctly: airbyte.embedded.allowed-origins "
                + "refers to ${" + UNSET_VARIABLE + "}"), analysis.getDescription());
    }

    @Test
    void anInlineCommentInAPropertiesFileIsPointedOutWhenTheValueIsRefused() {
        FailureAnalysis analysis = analyzeStartup(new ClassPathResource("inline-comment.properties"),
                "airbyte.embedded.client-id=test-client", "airbyte.embedded.client-secret=" + SECRET);
        assertTrue(analysis.getDescription().contains("airbyte.embedded.allowed-origins"), analysis.getDescription());
        assertTrue(analysis.getAction().contains("has no inline comments"), analysis.getAction());
        assertTrue(analysis.getAction().contains("a line of its own"), analysis.getAction());
    }

    @Test
    void noHintAboutCommentsForAValueWithoutOne() {
        FailureAnalysis analysis = analyzeStartup("airbyte.embedded.client-id=test-client",
                "airbyte.embedded.client-secret=" + SECRET, "airbyte.embedded.allowed-origins=https://app.example.com/path");
        assertFalse(analysis.getAction().contains("inline comments"), analysis.getAction());
    }

    @Test
    void tellsToTakeTheSecretFromTheEnvironment() {
        FailureAnalysis analysis = analyze(new AirbyteEmbeddedConfigException("client-secret", "is required: set it"));
        assertEquals("Airbyte Embedded is not configured correctly: airbyte.embedded.client-secret is required: set it.",
                analysis.getDescription());
        assertTrue(analysis.getAction().contains("airbyte.embedded.client-secret=${AIRBYTE_CLIENT_SECRET}"), analysis.getAction());
        assertTrue(analysis.getAction().contains("AIRBYTE_EMBEDDED_CLIENTSECRET"), analysis.getAction());
    }

    @Test
    void mapsTheCoresRateLimitSettingsOntoTheirProperties() {
        assertEquals("airbyte.embedded.rate-limit", AirbyteEmbeddedFailureAnalyzer.propertyName(
                new AirbyteEmbeddedConfigException("rate-limit", "permits must be between 1 and 1000000, was 0")));
        assertEquals("airbyte.embedded.rate-limit", AirbyteEmbeddedFailureAnalyzer.propertyName(
                new AirbyteEmbeddedConfigException("rate-limit", "the period must be between 1 second and 1 day, was PT0S")));
        assertEquals("airbyte.embedded.rate-limit-max-tracked-users", AirbyteEmbeddedFailureAnalyzer.propertyName(
                new AirbyteEmbeddedConfigException("rate-limit-max-tracked-users", "must be between 1 and 10000000, was 0")));
    }

    @Test
    void mapsTheSourcesRateLimitSettingsOntoTheirProperties() {
        assertEquals("airbyte.embedded.sources-list-rate-limit", AirbyteEmbeddedFailureAnalyzer.propertyName(
                new AirbyteEmbeddedConfigException("sources-list-rate-limit", "permits must be between 1 and 1000000, was 0")));
        assertEquals("airbyte.embedded.sources-change-rate-limit", AirbyteEmbeddedFailureAnalyzer.propertyName(
                new AirbyteEmbeddedConfigException("sources-change-rate-limit", "the period must be between 1 second and 1 day, was PT0S")));
    }

    @Test
    void findsThePropertyByTheSettingNeverByTheWordsOfTheMessage() {
        assertEquals("airbyte.embedded.rate-limit", AirbyteEmbeddedFailureAnalyzer.propertyName(
                new AirbyteEmbeddedConfigException("rate-limit", "permits must be between 1 and 1000000, whatever the period")));
        assertEquals("airbyte.embedded.sources-list-rate-limit", AirbyteEmbeddedFailureAnalyzer.propertyName(
                new AirbyteEmbeddedConfigException("sources-list-rate-limit", "the period must be between 1 second and 1 day")));
    }

    @Test
    void everyCoreSettingNameIsAProperty() {
        List<AirbyteEmbeddedConfigException> failures = List.of(
                failure(b -> b.apiBaseUri("http://example.com")),
                failure(b -> b.organizationId("not-a-uuid")),
                failure(b -> b.tokenPath("no-slash")),
                failure(b -> b.operatorTokenRefreshSkew(Duration.ofHours(1))),
                failure(b -> b.connectTimeout(Duration.ZERO)),
                failure(b -> b.requestTimeout(Duration.ZERO)),
                failure(b -> b.regionId("eu")),
                failure(b -> b.maxConcurrentUpstreamCalls(0)),
                failure(b -> b.rateLimit(-1, Duration.ofMinutes(1))),
                failure(b -> b.rateLimit(5, Duration.ZERO)),
                failure(b -> b.rateLimitMaxTrackedUsers(0)),
                failure(b -> b.sourcesListRateLimit(0, Duration.ofMinutes(1))),
                failure(b -> b.sourcesListRateLimit(5, Duration.ZERO)),
                failure(b -> b.sourcesChangeRateLimit(0, Duration.ofMinutes(1))),
                failure(b -> b.sourcesChangeRateLimit(5, Duration.ofDays(2))),
                failure(b -> b.bodyReadTimeout(Duration.ZERO)),
                failure(b -> b.sourcesPath("sources")),
                failure(b -> b.sourceEventsPath("events")),
                failure(b -> b.sourceEventsPath("/api/airbyte/sources/events")),
                failure(b -> b.widgetPageOrigin("https://widget.example.com/path")));
        for (String setting : List.of("widget-version", "widget-cdn-base", "widget-integrity", "widget-style-hash",
                "source-routes", "add-content-security-policy")) {
            failures = new java.util.ArrayList<>(failures);
            failures.add(new AirbyteEmbeddedConfigException(setting, "is wrong"));
        }
        List<String> documented = PropertiesDocumentationTest.metadataProperties().keySet().stream().toList();
        for (AirbyteEmbeddedConfigException failure : failures) {
            String property = AirbyteEmbeddedFailureAnalyzer.propertyName(failure);
            assertTrue(documented.contains(property), property + " (from setting " + failure.setting() + ") is not a property");
        }
    }

    @Test
    void isRegisteredInSpringFactories() throws IOException {
        Properties factories = new Properties();
        try (InputStream in = Files.newInputStream(Path.of("target/classes/META-INF/spring.factories"))) {
            factories.load(in);
        }
        assertEquals(AirbyteEmbeddedFailureAnalyzer.class.getName(),
                factories.getProperty(FailureAnalyzer.class.getName()).strip());
    }

    @Test
    void bootCreatesItWithTheApplicationsEnvironment() {
        // As Boot's FailureAnalyzers loads the analyzers of spring.factories.
        MockEnvironment environment = new MockEnvironment().withProperty("airbyte.embedded.allowed-origins", "http://localhost:8080 # dev");
        List<FailureAnalyzer> analyzers = SpringFactoriesLoader.forDefaultResourceLocation(getClass().getClassLoader()).load(
                FailureAnalyzer.class, SpringFactoriesLoader.ArgumentResolver.of(BeanFactory.class, new DefaultListableBeanFactory()).and(Environment.class, environment),
                SpringFactoriesLoader.FailureHandler.handleMessage((message, failure) -> { })); // Boot logs and skips those it cannot create
        FailureAnalyzer ours = analyzers.stream().filter(AirbyteEmbeddedFailureAnalyzer.class::isInstance).findFirst().orElseThrow();
        FailureAnalysis analysis = ours.analyze(new AirbyteEmbeddedConfigException("allowed-origins", "is not an origin"));
        assertTrue(analysis.getAction().contains("has no inline comments"), analysis.getAction());
    }

    @Test
    void findsTheConfigExceptionInsideBeanCreationFailures() {
        BeanCreationException wrapped = new BeanCreationException("airbyteEmbeddedConfig", "failed",
                new AirbyteEmbeddedConfigException("emulator.enabled", "is true, but the emulator is not on the classpath"));
        FailureAnalysis analysis = analyzer.analyze(wrapped);
        assertNotNull(analysis);
        assertTrue(analysis.getAction().contains("airbyte-embedded-testkit"), analysis.getAction());
    }

    private FailureAnalysis analyze(AirbyteEmbeddedConfigException failure) {
        FailureAnalysis analysis = analyzer.analyze(new BeanCreationException("airbyteEmbeddedConfig", "failed", failure));
        assertNotNull(analysis);
        return analysis;
    }

    private FailureAnalysis analyzeStartup(String... properties) {
        return analyzeStartup(null, properties);
    }

    /** Starts a context, with a properties file when one is given, and analyses its failure as Boot does. */
    private FailureAnalysis analyzeStartup(ClassPathResource file, String... properties) {
        FailureAnalysis[] result = new FailureAnalysis[1];
        Environment[] environment = new Environment[1];
        new WebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(AirbyteEmbeddedAutoConfiguration.class))
                .withInitializer(context -> {
                    environment[0] = context.getEnvironment();
                    if (file != null) {
                        try {
                            context.getEnvironment().getPropertySources().addFirst(new ResourcePropertySource(file));
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }
                })
                .withPropertyValues(properties)
                .run(context -> result[0] = new AirbyteEmbeddedFailureAnalyzer(environment[0]).analyze(context.getStartupFailure()));
        assertNotNull(result[0], "the startup failure should have been analyzed");
        return result[0];
    }

    private static AirbyteEmbeddedConfigException failure(java.util.function.Consumer<AirbyteEmbeddedConfig.Builder> change) {
        AirbyteEmbeddedConfig.Builder builder = AirbyteEmbeddedConfig.builder().clientId("id").clientSecret(SECRET)
                .allowedOrigin("https://app.example.com");
        change.accept(builder);
        try {
            builder.build();
        } catch (AirbyteEmbeddedConfigException e) {
            return e;
        }
        throw new AssertionError("the builder accepted the change");
    }
}
