package io.github.airbyteembedded.testkit.junit;

import io.github.airbyteembedded.testkit.AirbyteEmulator;
import io.github.airbyteembedded.testkit.ContractViolation;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A JUnit Jupiter extension that starts an {@link AirbyteEmulator} on a free loopback port and injects
 * it into test and lifecycle method parameters.
 *
 * <pre>{@code
 * @ExtendWith(AirbyteEmulatorExtension.class)            // one emulator for the whole class
 * class WidgetTokenClientTest {
 *     @Test
 *     void fetchesAnOperatorTokenOnce(AirbyteEmulator emulator) {
 *         MyClient client = new MyClient(emulator.baseUri(),
 *                 AirbyteEmulator.DEFAULT_CLIENT_ID, AirbyteEmulator.DEFAULT_CLIENT_SECRET);
 *         client.widgetToken("alice");
 *         assertEquals(1, emulator.callCount("POST /api/v1/account/applications/token"));
 *     }
 * }
 * }</pre>
 *
 * <p>Registered with {@code @ExtendWith} or as a {@code static} {@code @RegisterExtension} field, it
 * starts one emulator before all tests of the class and closes it after them; the emulator's calls,
 * workspaces and faults carry over from test to test (call {@link AirbyteEmulator#reset()} in a
 * {@code @BeforeEach} to start clean). {@link #perTest()}, or registration in a non-static field, starts
 * a fresh emulator for every test instead. {@link #configure(Consumer)} adjusts the builder:
 *
 * <pre>{@code
 * @RegisterExtension
 * static AirbyteEmulatorExtension airbyte = AirbyteEmulatorExtension.perClass()
 *         .configure(builder -> builder.widgetTokenLifetime(Duration.ofMinutes(1)));
 * }</pre>
 *
 * <p>With contract checks on ({@link AirbyteEmulator.Builder#contractChecks(boolean)}, or the system
 * property {@value AirbyteEmulator#CONTRACT_CHECKS_PROPERTY}), a test whose calls break the vendor's API
 * contract fails after it ran, with the operation and JSON pointer of each violation; a test that breaks
 * it on purpose takes them first ({@link AirbyteEmulator#takeContractViolations()}):
 *
 * <pre>{@code
 * @RegisterExtension
 * static AirbyteEmulatorExtension airbyte = AirbyteEmulatorExtension.perClass()
 *         .configure(builder -> builder.contractChecks(true));
 * }</pre>
 *
 * <p>Parameters are resolved in test methods and in {@code @BeforeEach}/{@code @AfterEach} (and, per
 * class, in {@code @BeforeAll}); not in constructors. JUnit Jupiter is an optional dependency of the
 * testkit: this class is the only one that needs it.
 *
 * @since 0.1.0
 */
public final class AirbyteEmulatorExtension
        implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, AfterAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(AirbyteEmulatorExtension.class);
    private static final String KEY = "emulator";

    private final boolean perTest;
    private final Consumer<AirbyteEmulator.Builder> configuration;
    private volatile AirbyteEmulator current;

    /** One emulator per test class, default settings (the form {@code @ExtendWith} uses). */
    public AirbyteEmulatorExtension() {
        this(false, builder -> { });
    }

    private AirbyteEmulatorExtension(boolean perTest, Consumer<AirbyteEmulator.Builder> configuration) {
        this.perTest = perTest;
        this.configuration = configuration;
    }

    /**
     * One emulator for all tests of the class.
     *
     * @return the extension
     */
    public static AirbyteEmulatorExtension perClass() {
        return new AirbyteEmulatorExtension(false, builder -> { });
    }

    /**
     * A fresh emulator for every test.
     *
     * @return the extension
     */
    public static AirbyteEmulatorExtension perTest() {
        return new AirbyteEmulatorExtension(true, builder -> { });
    }

    /**
     * The same extension with a builder adjustment applied before each emulator is built.
     *
     * @param customizer changes the builder (the port stays 0 unless it sets one)
     * @return a new extension
     */
    public AirbyteEmulatorExtension configure(Consumer<AirbyteEmulator.Builder> customizer) {
        Objects.requireNonNull(customizer, "customizer");
        return new AirbyteEmulatorExtension(perTest, configuration.andThen(customizer));
    }

    /**
     * The emulator of the test running now, for use through a {@code @RegisterExtension} field.
     *
     * @return the running emulator
     * @throws IllegalStateException outside a test
     */
    public AirbyteEmulator emulator() {
        AirbyteEmulator emulator = current;
        if (emulator == null) {
            throw new IllegalStateException("no emulator is running: use it from a test or lifecycle method");
        }
        return emulator;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (!perTest) {
            start(context);
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (perTest || find(context) == null) {
            start(context);
        }
    }

    /**
     * Closes a per-test emulator and, when contract checks are on, fails the test that just ran on the
     * contract violations its calls caused (taken, so the next test starts clean).
     */
    @Override
    public void afterEach(ExtensionContext context) {
        AirbyteEmulator emulator = find(context);
        List<ContractViolation> violations = emulator == null ? List.of() : emulator.takeContractViolations();
        stopOwn(context);
        if (!violations.isEmpty()) {
            throw new AssertionError(ContractViolation.report(violations));
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stopOwn(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == AirbyteEmulator.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        AirbyteEmulator emulator = find(extensionContext);
        if (emulator == null) {
            throw new ParameterResolutionException("No AirbyteEmulator is running here: a per-test emulator "
                    + "is not available in constructors or @BeforeAll methods");
        }
        return emulator;
    }

    private void start(ExtensionContext context) {
        AirbyteEmulator.Builder builder = AirbyteEmulator.builder();
        configuration.accept(builder);
        AirbyteEmulator emulator = builder.build().start();
        context.getStore(NAMESPACE).put(KEY, emulator);
        current = emulator;
    }

    private static AirbyteEmulator find(ExtensionContext context) {
        return context.getStore(NAMESPACE).get(KEY, AirbyteEmulator.class);
    }

    /** Closes the emulator this context started (not one inherited from the class context). */
    private void stopOwn(ExtensionContext context) {
        AirbyteEmulator own = context.getStore(NAMESPACE).remove(KEY, AirbyteEmulator.class);
        if (own != null) {
            own.close();
            if (current == own) {
                current = context.getParent().map(AirbyteEmulatorExtension::find).orElse(null);
            }
        }
    }
}
