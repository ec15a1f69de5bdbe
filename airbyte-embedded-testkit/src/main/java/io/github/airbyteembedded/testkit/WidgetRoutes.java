package io.github.airbyteembedded.testkit;

import java.net.URI;
import java.util.function.Supplier;

/**
 * The browser side: the widget script on the API's origin (at a CDN-shaped path for the published
 * versions only, and at a short one), and, on the widget page's own origin, the widget page at the
 * tokens' {@code widgetUrl}, and the page's own script and style. The page is served with a strict CSP
 * and loads no inline code.
 */
final class WidgetRoutes {

    static final String PACKAGE = "@airbyte-embedded/airbyte-embedded-widget";
    static final String SCRIPT_FILE = "dist/airbyte-embedded-widget.iife.js";
    static final String SHORT_SCRIPT_PATH = "/widget/airbyte-embedded-widget.iife.js";
    static final String PAGE_SCRIPT_PATH = AccountRoutes.WIDGET_PAGE_PATH + "/widget-page.js";
    static final String PAGE_STYLE_PATH = AccountRoutes.WIDGET_PAGE_PATH + "/widget-page.css";

    /** The page's CSP; {@code %s} is the API's origin, which the page calls. */
    static final String PAGE_CSP = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self' %s; "
            + "img-src 'self' data: https:; base-uri 'none'; form-action 'none'";

    private static final String JS = "text/javascript; charset=utf-8";
    /** The published versions, as a regular expression: any other version is 404, as on the CDN. */
    private static final String VERSION = "(?:" + String.join("|", AirbyteEmulator.PUBLISHED_WIDGET_VERSIONS.stream()
            .map(version -> version.replace(".", "\\.")).toList()) + ")";

    private final Settings settings;
    private final Supplier<URI> apiBase;

    WidgetRoutes(Settings settings, Supplier<URI> apiBase) {
        this.settings = settings;
        this.apiBase = apiBase;
    }

    /** The widget script, on the API's origin (the fake CDN). */
    void registerScript(Router router) {
        String npm = "/npm/" + PACKAGE.replace(".", "\\.") + "@" + VERSION;
        router.addPattern("GET", npm + "/" + SCRIPT_FILE.replace(".", "\\."), request -> script());
        router.addPattern("GET", npm, request -> script());
        router.add("GET", SHORT_SCRIPT_PATH, request -> script());
    }

    /** The widget page and its assets, on the widget page's own origin. */
    void registerPage(Router router) {
        router.add("GET", AccountRoutes.WIDGET_PAGE_PATH, request -> page());
        router.add("GET", PAGE_SCRIPT_PATH, request -> Response.bytes(200, JS, WidgetAssets.PAGE_SCRIPT)
                .header("Cache-Control", "no-cache").header("X-Content-Type-Options", "nosniff"));
        router.add("GET", PAGE_STYLE_PATH, request -> Response.bytes(200, "text/css; charset=utf-8", WidgetAssets.PAGE_STYLE)
                .header("Cache-Control", "no-cache").header("X-Content-Type-Options", "nosniff"));
    }

    private static Response script() {
        return Response.bytes(200, JS, WidgetAssets.SCRIPT)
                .header("Access-Control-Allow-Origin", "*")
                .header("Cross-Origin-Resource-Policy", "cross-origin")
                .header("Cache-Control", "no-cache")
                .header("ETag", "\"" + WidgetAssets.SCRIPT_INTEGRITY + "\"")
                .header("X-Content-Type-Options", "nosniff");
    }

    private Response page() {
        String html = WidgetAssets.PAGE_TEMPLATE
                .replace("@@EVENT_FAMILY@@", settings.eventFamily().prefix())
                .replace("@@AUTH_TIMEOUT_MS@@", Long.toString(settings.widgetAuthTimeout().toMillis()))
                .replace("@@API_BASE@@", apiBase.get().toString());
        return Response.text(200, "text/html; charset=utf-8", html)
                .header("Content-Security-Policy", PAGE_CSP.formatted(apiBase.get()))
                .header("Cache-Control", "no-store")
                .header("Referrer-Policy", "no-referrer")
                .header("X-Content-Type-Options", "nosniff");
    }
}
