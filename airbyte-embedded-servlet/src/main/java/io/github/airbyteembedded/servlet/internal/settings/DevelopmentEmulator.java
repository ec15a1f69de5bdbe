package io.github.airbyteembedded.servlet.internal.settings;

import io.github.airbyteembedded.servlet.AirbyteEmbeddedConfig;
import io.github.airbyteembedded.servlet.AirbyteEmbeddedConfigException;
import io.github.airbyteembedded.servlet.WidgetScript;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.lang.reflect.InvocationTargetException;
import java.net.URI;

/**
 * The testkit's emulator, started in the web application for development ({@code emulator=true}): the
 * filter takes the API base, the credentials, the widget page's origin, the widget's CDN base, its
 * integrity and its style hash from it, as the Spring layer's emulator mode does.
 *
 * <p>The testkit is loaded by name from the web application's class loader, so that the core has no
 * dependency on it; without it on the class path, {@code emulator=true} is a configuration error. Only
 * the testkit's public API is used ({@code AirbyteEmulator}); {@code DevelopmentEmulatorTest} keeps the
 * names in step with it.
 */
public final class DevelopmentEmulator implements AutoCloseable {

    static final String EMULATOR_CLASS = "io.github.airbyteembedded.testkit.AirbyteEmulator";

    private static final Logger LOG = System.getLogger(DevelopmentEmulator.class.getName());

    private final AutoCloseable emulator;
    private final URI baseUri;
    private final String clientId;
    private final String clientSecret;
    private final String scriptIntegrity;
    private final String styleHash;
    private final String widgetPageOrigin;

    private DevelopmentEmulator(AutoCloseable emulator, URI baseUri, String clientId, String clientSecret,
            String scriptIntegrity, String styleHash, String widgetPageOrigin) {
        this.emulator = emulator;
        this.baseUri = baseUri;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.scriptIntegrity = scriptIntegrity;
        this.styleHash = styleHash;
        this.widgetPageOrigin = widgetPageOrigin;
    }

    /**
     * Starts an emulator on a free loopback port.
     *
     * @throws AirbyteEmbeddedConfigException naming {@code emulator} if the testkit is not on the class
     *     path or the emulator cannot start
     */
    public static DevelopmentEmulator start() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        Class<?> type;
        try {
            type = Class.forName(EMULATOR_CLASS, true, loader != null ? loader : DevelopmentEmulator.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new AirbyteEmbeddedConfigException(Settings.EMULATOR.key(), "is true, but the emulator "
                    + "(io.github.airbyteembedded:airbyte-embedded-testkit) is not on the web application's class path: "
                    + "add it for development, or remove emulator=true");
        }
        AutoCloseable emulator = null;
        try {
            Object builder = type.getMethod("builder").invoke(null);
            emulator = (AutoCloseable) builder.getClass().getMethod("build").invoke(builder);
            type.getMethod("start").invoke(emulator);
            DevelopmentEmulator started = new DevelopmentEmulator(emulator, (URI) type.getMethod("baseUri").invoke(emulator),
                    (String) type.getMethod("clientId").invoke(emulator), (String) type.getField("DEFAULT_CLIENT_SECRET").get(null),
                    (String) type.getMethod("widgetScriptIntegrity").invoke(null),
                    (String) type.getMethod("widgetStyleCspHash").invoke(null),
                    (String) type.getMethod("widgetPageOrigin").invoke(emulator));
            LOG.log(Level.INFO, "emulator=true: Airbyte Embedded uses an in-process emulator of the Airbyte API at {0} "
                    + "(development only; its state is lost when the application stops)", started.baseUri);
            return started;
        } catch (ReflectiveOperationException | RuntimeException e) {
            closeQuietly(emulator);
            Throwable cause = e instanceof InvocationTargetException invocation && invocation.getCause() != null
                    ? invocation.getCause() : e;
            throw new AirbyteEmbeddedConfigException(Settings.EMULATOR.key(),
                    "is true, but the emulator could not be started (" + cause.getClass().getSimpleName()
                            + "); is the testkit of the same version as the library?");
        }
    }

    /** Points the configuration at the emulator: API base, credentials, and the widget page's origin (its own port). */
    void configure(AirbyteEmbeddedConfig.Builder builder) {
        builder.apiBaseUri(baseUri).clientId(clientId).clientSecret(clientSecret).widgetPageOrigin(widgetPageOrigin);
    }

    /** Points the widget script at the emulator: its CDN-shaped path, its integrity and its style hash. */
    void configure(WidgetScript.Builder script) {
        script.cdnBase(baseUri + "/npm").integrity(scriptIntegrity).styleHash(styleHash);
    }

    /** Stops the emulator. */
    @Override
    public void close() {
        closeQuietly(emulator);
    }

    private static void closeQuietly(AutoCloseable emulator) {
        if (emulator == null) {
            return;
        }
        try {
            emulator.close();
        } catch (Exception e) {
            LOG.log(Level.WARNING, "The in-process emulator did not stop cleanly: " + e.getClass().getName());
        }
    }

    @Override
    public String toString() {
        return "DevelopmentEmulator{" + baseUri + "}";
    }
}
