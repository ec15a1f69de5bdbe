package io.github.airbyteembedded.servlet.internal.settings;

import io.github.airbyteembedded.servlet.AirbyteEmbeddedConfig;
import io.github.airbyteembedded.servlet.WidgetScript;
import io.github.airbyteembedded.servlet.internal.pipeline.Origin;
import io.github.airbyteembedded.servlet.internal.upstream.WidgetToken;
import jakarta.servlet.ServletContext;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What pages need to put the widget on them: the widget script (its integrity computed at startup when
 * asked to), the origin of the widget's iframe page for the CSP (configured, or learned from the
 * minted tokens), and the one-time warnings about what the pages will lack.
 */
public final class PageSettings {

    private static final Logger LOG = System.getLogger(PageSettings.class.getName());

    private final AirbyteEmbeddedConfig config;
    private final AtomicBoolean started = new AtomicBoolean();
    private volatile WidgetScript widgetScript;
    private volatile Origin learnedWidgetPageOrigin;
    /** The derived widget page origin, once a page asked for it (for a loopback API it is asked of the emulator). */
    private volatile String derivedWidgetPageOrigin;

    public PageSettings(AirbyteEmbeddedConfig config) {
        this.config = config;
        this.widgetScript = config.widgetScript();
    }

    public WidgetScript widgetScript() {
        return widgetScript;
    }

    /** The configured widget page origin; else the one learned from minted tokens; else the one derived from the API host. */
    public String widgetPageOrigin() {
        Optional<String> configured = config.widgetPageOrigin();
        if (configured.isPresent()) {
            return configured.get();
        }
        Origin learned = learnedWidgetPageOrigin;
        if (learned != null) {
            return learned.serialized();
        }
        String derived = derivedWidgetPageOrigin;
        if (derived == null) {
            derived = derivedWidgetPageOrigin(config.apiBaseUri());
            derivedWidgetPageOrigin = derived;
        }
        return derived;
    }

    /**
     * Prepares the page side once, when the filter starts in a web application: computes the widget
     * script's integrity from the application's own copy when asked to, and warns once about what the
     * pages will lack (no integrity, no style hash).
     */
    public void start(ServletContext context) {
        if (!started.compareAndSet(false, true)) {
            return;
        }
        WidgetScript script = widgetScript;
        if (context != null) {
            script = script.resolvedWith(context);
            widgetScript = script;
        }
        warnAboutWidgetScript(script);
    }

    static void warnAboutWidgetScript(WidgetScript script) {
        String url = script.scriptUrl("");
        if (script.integrityMissing()) {
            LOG.log(Level.WARNING, "The widget script " + url + " will be rendered without Subresource Integrity: no hash is "
                    + "configured for widget " + script.version() + ". Get it once from the published package: npm pack "
                    + WidgetScript.PACKAGE_NAME + "@" + script.version() + " && tar xzf airbyte-embedded-airbyte-embedded-widget-"
                    + script.version() + ".tgz && openssl dgst -sha384 -binary package/" + WidgetScript.FILE
                    + " | openssl base64 -A ; then set widget-integrity=sha384-<that value> (in code: WidgetScript.builder().integrity(...)). "
                    + "widget-integrity=none silences this warning.");
        }
        if (script.styleHashMissing()) {
            LOG.log(Level.WARNING, "No CSP hash is known for the <style> that widget " + script.version()
                    + " injects, so the widget's style-src allows 'unsafe-inline'. Set widget-style-hash to the hash the "
                    + "browser's console reports for the blocked style (WidgetScript.builder().styleHash(...)), or "
                    + "widget-style-hash=unsafe-inline to keep it and silence this warning.");
        }
    }

    /** Learns the widget page origin from a minted token (for the CSP {@code frame-src}); returns the token. */
    public WidgetToken learnFrom(WidgetToken token) {
        Origin origin;
        try {
            origin = Origin.parseConfigured(token.widgetUrl().getScheme() + "://" + token.widgetUrl().getRawAuthority());
        } catch (IllegalArgumentException e) {
            return token;
        }
        Origin previous = learnedWidgetPageOrigin;
        if (origin.equals(previous)) {
            return token;
        }
        learnedWidgetPageOrigin = origin;
        Optional<String> configured = config.widgetPageOrigin();
        // Pages so far used the configured origin, the one learned before, or the derived one if a page asked for it.
        String expected = configured.orElse(previous != null ? previous.serialized() : derivedWidgetPageOrigin);
        if (expected != null && !expected.equals(origin.serialized())) {
            LOG.log(Level.WARNING, "Widget tokens open the widget page at {0}, but the CSP frame-src of the widget''s pages "
                    + "uses {1} ({2}); {3}. Set widget-page-origin={0}.", origin.serialized(), expected,
                    configured.isPresent() ? "configured" : "derived", configured.isPresent()
                            ? "the configured origin is kept, so browsers that enforce the CSP will block the widget"
                            : "pages rendered from now on use " + origin.serialized());
        }
        return token;
    }

    /**
     * The widget page origin when none is configured: the vendor's for its API hosts; for a loopback API
     * the one the testkit's emulator names (it serves the widget page on a port of its own), asked once;
     * otherwise the API's own origin (a self-managed Airbyte).
     */
    static String derivedWidgetPageOrigin(URI apiBaseUri) {
        String host = apiBaseUri.getHost() == null ? "" : apiBaseUri.getHost().toLowerCase(java.util.Locale.ROOT);
        if (host.equals("api.airbyte.ai")) {
            return "https://app.airbyte.ai";
        }
        if (host.equals("api.airbyte.com")) {
            return "https://cloud.airbyte.com";
        }
        Optional<String> emulated = EmulatorInfo.at(apiBaseUri).map(info -> info.path("widget_page_origin").asText(""))
                .filter(origin -> !origin.isEmpty());
        try {
            if (emulated.isPresent()) {
                return Origin.parseConfigured(emulated.get()).serialized();
            }
        } catch (IllegalArgumentException e) {
            // not an origin: the API's own
        }
        return Origin.parseConfigured(apiBaseUri.getScheme() + "://" + apiBaseUri.getRawAuthority()).serialized();
    }

}
