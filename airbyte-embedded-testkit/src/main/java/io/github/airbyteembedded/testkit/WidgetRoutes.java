package io.github.airbyteembedded.testkit;

/**
 * The browser side: the widget script (at a CDN-shaped path for the published versions only, and at a
 * short one), the widget page at the
 * tokens' {@code widgetUrl}, and the page's own script and style. The page is served with a strict CSP
 * and loads no inline code.
 */
final class WidgetRoutes {

    static final String PACKAGE = "@airbyte-embedded/airbyte-embedded-widget";
    static final String SCRIPT_FILE = "dist/airbyte-embedded-widget.iife.js";
    static final String SHORT_SCRIPT_PATH = "/widget/airbyte-embedded-widget.iife.js";
    static final String PAGE_SCRIPT_PATH = AccountRoutes.WIDGET_PAGE_PATH + "/widget-page.js";
    static final String PAGE_STYLE_PATH = AccountRoutes.WIDGET_PAGE_PATH + "/widget-page.css";

    static final String PAGE_CSP = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
            + "img-src 'self' data: https:; base-uri 'none'; form-action 'none'";

    private static final String JS = "text/javascript; charset=utf-8";
    /** The published versions, as a regular expression: any other version is 404, as on the CDN. */
    private static final String VERSION = "(?:" + String.join("|", AirbyteEmulator.PUBLISHED_WIDGET_VERSIONS.stream()
            .map(version -> version.replace(".", "\\.")).toList()) + ")";

    private final Settings settings;

    WidgetRoutes(Settings settings) {
        this.settings = settings;
    }

    void register(Router router) {
        String npm = "/npm/" + PACKAGE.replace(".", "\\.") + "@" + VERSION;
        router.addPattern("GET", npm + "/" + SCRIPT_FILE.replace(".", "\\."), request -> script());
        router.addPattern("GET", npm, request -> script());
        router.add("GET", SHORT_SCRIPT_PATH, request -> script());
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
                .replace("@@AUTH_TIMEOUT_MS@@", Long.toString(settings.widgetAuthTimeout().toMillis()));
        return Response.text(200, "text/html; charset=utf-8", html)
                .header("Content-Security-Policy", PAGE_CSP)
                .header("Cache-Control", "no-store")
                .header("Referrer-Policy", "no-referrer")
                .header("X-Content-Type-Options", "nosniff");
    }
}
