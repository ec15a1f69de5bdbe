package io.github.airbyteembedded.servlet.page;

import io.github.airbyteembedded.servlet.AirbyteEmbedded;
import io.github.airbyteembedded.servlet.WidgetScript;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The widget's part of one page: the {@code <script>} elements (the pinned widget script and the
 * bootstrap script that wires connect buttons to the token route), connect buttons, and the CSP that
 * goes with them, for one request. The JSP tags and the Thymeleaf dialect delegate to it; plain Java
 * pages call it directly:
 *
 * <pre>{@code
 * WidgetPage page = WidgetPage.of(request, response);
 * out.println("<head>" + page.scripts() + "</head>");
 * out.println("<body>" + page.connectButton("Connect your data") + "</body>");
 * }</pre>
 *
 * <p>Every element carries the request's {@link CspNonce}. When the configuration asks the filter to
 * add the Content-Security-Policy ({@code addContentSecurityPolicy(true)}), the first script rendered
 * sets the header (merged into one the application already set), provided the response is not yet
 * committed: render the scripts in {@code <head>}. Apps that keep their own policy take the widget's
 * needs from {@link #contentSecurityPolicy()}.
 *
 * <p>Clicking a connect button fetches a widget token from the route, constructs the widget then (not
 * at page load) and opens it; the widget's events are re-dispatched on the button as DOM events
 * ({@code airbyte:source-created}, {@code airbyte:error}, ...). The page-side guide (docs/page-side.md, "The bootstrap script") lists the data attributes and
 * the events.
 *
 * @since 0.1.0
 */
public final class WidgetPage {

    /** The attribute that makes an element a connect button, for the bootstrap script: {@value}. */
    public static final String CONNECT_ATTRIBUTE = "data-airbyte-connect";

    /**
     * The bootstrap {@code <script>}'s attribute with the token route's path: {@value}. Only that element
     * carries it; the bootstrap refuses a click on a connect element that has one.
     *
     * @since 0.2.0
     */
    public static final String TOKEN_PATH_ATTRIBUTE = "data-airbyte-token-path";

    /**
     * The bootstrap {@code <script>}'s attribute with the source-events route's path: {@value}. Only that
     * element carries it; the bootstrap refuses a click on a connect element that has one.
     *
     * @since 0.2.0
     */
    public static final String SOURCE_EVENTS_PATH_ATTRIBUTE = "data-airbyte-source-events-path";
    static final String CSP_HEADER = "Content-Security-Policy";

    /** The data attribute that marks the widget's script element, for the bootstrap script. */
    static final String WIDGET_SCRIPT_ATTRIBUTE = "data-airbyte-widget-script";

    private static final Logger LOG = System.getLogger(WidgetPage.class.getName());
    private static final String CSP_HANDLED = WidgetPage.class.getName() + ".cspHandled";
    private static final AtomicBoolean WARNED_COMMITTED = new AtomicBoolean();

    private final HttpServletRequest request;
    private final HttpServletResponse response;
    private final AirbyteEmbedded airbyte;

    private WidgetPage(HttpServletRequest request, HttpServletResponse response, AirbyteEmbedded airbyte) {
        this.request = request;
        this.response = response;
        this.airbyte = airbyte;
    }

    /**
     * Returns the page of a request, for the integration that {@code AirbyteEmbeddedFilter} published
     * in the web application (servlet-context attribute {@link AirbyteEmbedded#SERVLET_CONTEXT_ATTRIBUTE}).
     *
     * @param request the request that renders the page
     * @param response its response, which gets the CSP header when the configuration asks for it
     * @return the page
     * @throws IllegalStateException if no filter published an integration in this web application
     */
    public static WidgetPage of(HttpServletRequest request, HttpServletResponse response) {
        Objects.requireNonNull(request, "request");
        ServletContext context = request.getServletContext();
        Object found = context == null ? null : context.getAttribute(AirbyteEmbedded.SERVLET_CONTEXT_ATTRIBUTE);
        if (!(found instanceof AirbyteEmbedded airbyte)) {
            throw new IllegalStateException("No Airbyte Embedded integration in this web application: map "
                    + "AirbyteEmbeddedFilter (it publishes itself as the servlet-context attribute "
                    + AirbyteEmbedded.SERVLET_CONTEXT_ATTRIBUTE + " when it starts), or pass the integration to "
                    + "WidgetPage.of(request, response, airbyte)");
        }
        return of(request, response, airbyte);
    }

    /**
     * Returns the page of a request for a given integration.
     *
     * @param request the request that renders the page
     * @param response its response, which gets the CSP header when the configuration asks for it
     * @param airbyte the integration whose token route and widget script the page uses
     * @return the page
     */
    public static WidgetPage of(HttpServletRequest request, HttpServletResponse response, AirbyteEmbedded airbyte) {
        return new WidgetPage(Objects.requireNonNull(request, "request"), Objects.requireNonNull(response, "response"),
                Objects.requireNonNull(airbyte, "airbyte"));
    }

    /**
     * Returns the request's CSP nonce (generated once per request), which every element carries.
     *
     * @return the nonce
     */
    public String nonce() {
        return CspNonce.of(request);
    }

    /**
     * Renders the widget script and the bootstrap script, in that order; put them in {@code <head>}.
     * Both are deferred: they do not block the page, and run after it is parsed.
     *
     * @return two {@code <script>} elements
     */
    public String scripts() {
        return widgetScript() + bootstrapScript();
    }

    /**
     * Renders only the widget's {@code <script>} element (for pages that drive the widget themselves).
     *
     * @return the {@code <script>} element
     */
    public String widgetScript() {
        addContentSecurityPolicyIfConfigured();
        return widgetScriptElement(airbyte.widgetScript(), contextPath(), nonce());
    }

    /**
     * The widget's {@code <script>} element. It is {@code defer}red, so that it neither blocks the page
     * nor runs before the bootstrap script that follows it; it only defines the widget class, which is
     * constructed when the user clicks. {@link #WIDGET_SCRIPT_ATTRIBUTE} marks it for the bootstrap.
     *
     * @param nonce the request's CSP nonce, or {@code null} for none
     */
    static String widgetScriptElement(WidgetScript script, String contextPath, String nonce) {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("src", script.scriptUrl(contextPath));
        attributes.put("integrity", script.integrity().orElse(null));
        attributes.put("crossorigin", "anonymous");
        attributes.put("nonce", nonce);
        attributes.put("defer", "");
        attributes.put(WIDGET_SCRIPT_ATTRIBUTE, script.version());
        return Html.openTag(new StringBuilder(256), "script", attributes).append("</script>").toString();
    }

    /**
     * Renders only the bootstrap's {@code <script>} element, which tells the bootstrap the token route's
     * path ({@code data-airbyte-token-path}) and, when the sources routes are on, the source-events
     * route's ({@code data-airbyte-source-events-path}), where it reports {@code source_created} for the
     * server to confirm. The bootstrap takes both paths from this element only, never from a connect
     * button, and uses them only when they are paths of the page's own origin.
     *
     * @return the {@code <script>} element
     */
    public String bootstrapScript() {
        addContentSecurityPolicyIfConfigured();
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("src", contextPath() + airbyte.bootstrapScriptPath());
        attributes.put("integrity", airbyte.bootstrapScriptIntegrity());
        attributes.put("crossorigin", "anonymous");
        attributes.put("nonce", nonce());
        attributes.put("defer", "");
        attributes.put(TOKEN_PATH_ATTRIBUTE, contextPath() + airbyte.config().tokenPath());
        if (airbyte.config().sourceRoutesEnabled()) {
            attributes.put(SOURCE_EVENTS_PATH_ATTRIBUTE, contextPath() + airbyte.config().sourceEventsPath());
        }
        return Html.openTag(new StringBuilder(256), "script", attributes).append("</script>").toString();
    }

    /**
     * Returns the attributes that make an element a connect button: {@code type="button"} and {@code
     * data-airbyte-connect}, for template engines that add them to an element of their own.
     *
     * @return an unmodifiable map, in rendering order
     */
    public Map<String, String> connectButtonAttributes() {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("type", "button");
        attributes.put(CONNECT_ATTRIBUTE, "");
        return java.util.Collections.unmodifiableMap(attributes);
    }

    /**
     * Renders a connect button.
     *
     * @param label the button's text, escaped
     * @return a {@code <button>} element
     */
    public String connectButton(String label) {
        return connectButton(label, Map.of());
    }

    /**
     * Renders a connect button with more attributes, such as {@code id}, {@code class}, {@code
     * data-airbyte-message-target} or {@code data-airbyte-message-unauthenticated}.
     *
     * @param label the button's text, escaped
     * @param attributes more attributes, values escaped; a {@code type} replaces {@code button}
     * @return a {@code <button>} element
     * @throws IllegalArgumentException if an attribute name is not a plain name, is an event handler
     *     ({@code onclick}...), which a strict CSP blocks (listen for the {@code airbyte:*} events
     *     instead), or is a route path ({@code data-airbyte-token-path}...), which only the bootstrap's
     *     {@code <script>} carries
     */
    public String connectButton(String label, Map<String, String> attributes) {
        Objects.requireNonNull(label, "label");
        return connectButtonStartTag(attributes) + Html.escape(label) + "</button>";
    }

    /**
     * Renders the start tag of a connect button, for templates whose button content is markup of their
     * own (the JSP tag's body); close it with {@code </button>}.
     *
     * @param attributes more attributes, as for {@link #connectButton(String, Map)}
     * @return a {@code <button ...>} start tag
     * @throws IllegalArgumentException as for {@link #connectButton(String, Map)}
     */
    public String connectButtonStartTag(Map<String, String> attributes) {
        Objects.requireNonNull(attributes, "attributes");
        Map<String, String> all = new LinkedHashMap<>(connectButtonAttributes());
        attributes.forEach((name, value) -> {
            checkAttribute(name);
            if (!name.equalsIgnoreCase(CONNECT_ATTRIBUTE)) {
                all.put(name.toLowerCase(Locale.ROOT).equals("type") ? "type" : name, Objects.requireNonNull(value, name));
            }
        });
        return Html.openTag(new StringBuilder(128), "button", all).toString();
    }

    /**
     * Checks an attribute name a template gives a connect button.
     *
     * @param name the attribute name
     * @throws IllegalArgumentException if it is not a plain name, is an event handler, or is a route path
     *     ({@link #TOKEN_PATH_ATTRIBUTE}, {@link #SOURCE_EVENTS_PATH_ATTRIBUTE})
     */
    static void checkAttribute(String name) {
        Html.checkName(name);
        String lowerCase = name.toLowerCase(Locale.ROOT);
        if (lowerCase.startsWith("on")) {
            throw new IllegalArgumentException("'" + name + "' is an event-handler attribute, which a strict "
                    + "Content-Security-Policy blocks; listen for the airbyte:* events on the button instead");
        }
        if (lowerCase.equals(TOKEN_PATH_ATTRIBUTE) || lowerCase.equals(SOURCE_EVENTS_PATH_ATTRIBUTE)) {
            throw new IllegalArgumentException("'" + name + "' is not allowed on a connect button: the routes' paths "
                    + "come only from the bootstrap's <script>, which the renderer writes from the configuration (the "
                    + "bootstrap refuses a click on an element that carries one)");
        }
    }

    /**
     * Returns the CSP directives the widget needs on this page, with this request's nonce.
     *
     * @return the directives, to merge into the application's policy
     */
    public WidgetCsp contentSecurityPolicy() {
        return WidgetCsp.of(airbyte.widgetScript(), contextPath(), airbyte.widgetPageOrigin(), nonce());
    }

    private String contextPath() {
        String contextPath = request.getContextPath();
        return contextPath == null ? "" : contextPath;
    }

    private void addContentSecurityPolicyIfConfigured() {
        if (!airbyte.config().addContentSecurityPolicy() || request.getAttribute(CSP_HANDLED) != null) {
            return;
        }
        request.setAttribute(CSP_HANDLED, Boolean.TRUE);
        if (response.isCommitted()) {
            if (WARNED_COMMITTED.compareAndSet(false, true)) {
                LOG.log(Level.WARNING, "Could not add the Content-Security-Policy for the Airbyte widget to "
                        + request.getRequestURI() + ": the response was already committed. Render the widget's scripts "
                        + "in <head>, before the response buffer fills, or set the policy yourself (WidgetPage.contentSecurityPolicy()).");
            }
            return;
        }
        WidgetCsp csp = contentSecurityPolicy();
        Collection<String> existing = response.getHeaders(CSP_HEADER);
        if (existing == null || existing.isEmpty()) {
            response.setHeader(CSP_HEADER, csp.headerValue());
            return;
        }
        List<String> merged = new ArrayList<>();
        existing.forEach(policy -> merged.add(csp.mergeInto(policy)));
        response.setHeader(CSP_HEADER, merged.get(0));
        for (int i = 1; i < merged.size(); i++) {
            response.addHeader(CSP_HEADER, merged.get(i));
        }
    }

    /** Describes the page's integration, never its nonce. */
    @Override
    public String toString() {
        return "WidgetPage{" + airbyte.widgetScript() + "}";
    }
}
