package io.github.airbyteembedded.servlet;

import io.github.airbyteembedded.servlet.internal.pipeline.JsonResponses;
import io.github.airbyteembedded.servlet.internal.pipeline.PageAssets;
import io.github.airbyteembedded.servlet.internal.pipeline.Pipeline;
import io.github.airbyteembedded.servlet.internal.settings.DevelopmentEmulator;
import io.github.airbyteembedded.servlet.internal.settings.FilterConfigReader;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Objects;

/**
 * A servlet filter that mints Airbyte Embedded widget tokens for the authenticated user at {@code POST
 * /api/airbyte/widget-token}, and lets every other request through untouched.
 *
 * <p>For each token request it: resolves the workspace name from the authenticated user (never from
 * the request body, a query parameter or a client header; {@code 401 unauthenticated} without one);
 * checks that the {@code Origin} header is exactly one of the allowed origins ({@code 403
 * origin_not_allowed} otherwise, before any call to Airbyte); takes the cached operator token (fetched
 * once for all concurrent requests, refreshed shortly before it expires, and once more if Airbyte
 * refuses it); asks Airbyte for a widget token bound to that workspace and origin; and answers {@code
 * 200 {"token": "...", "expiresAt": "<ISO-8601>"}} with {@code Cache-Control: no-store}. Errors are
 * JSON {@code {"error": "<code>", "message": "..."}} with the codes of {@link ErrorCode}. Calls to
 * Airbyte are asynchronous: map the filter with async support so that no container thread waits on
 * them.
 *
 * <p>Order it after the filter that authenticates users (Spring Security's, for example), so that
 * {@link HttpServletRequest#getUserPrincipal()} is set.
 *
 * <p>It also serves the bootstrap script of the page side ({@code GET} and {@code HEAD} at {@link
 * AirbyteEmbedded#bootstrapScriptPath()}, cacheable forever: its path contains its hash), and publishes
 * its {@link AirbyteEmbedded} in the servlet context, where the JSP tags and the Thymeleaf dialect find
 * it (see {@link io.github.airbyteembedded.servlet.page.WidgetPage}).
 *
 * <p>From code: {@code new AirbyteEmbeddedFilter(config)}; init-params are then ignored. From web.xml:
 *
 * <pre>{@code
 * <filter>
 *   <filter-name>airbyteEmbedded</filter-name>
 *   <filter-class>io.github.airbyteembedded.servlet.AirbyteEmbeddedFilter</filter-class>
 *   <async-supported>true</async-supported>
 *   <init-param><param-name>client-id</param-name><param-value>your-client-id</param-value></init-param>
 *   <init-param><param-name>client-secret-env</param-name><param-value>AIRBYTE_CLIENT_SECRET</param-value></init-param>
 *   <init-param><param-name>allowed-origins</param-name><param-value>https://app.example.com</param-value></init-param>
 * </filter>
 * <filter-mapping>
 *   <filter-name>airbyteEmbedded</filter-name>
 *   <url-pattern>/*</url-pattern>
 * </filter-mapping>
 * }</pre>
 *
 * <table>
 *   <caption>Init-params</caption>
 *   <tr><th>Name</th><th>Meaning</th><th>Default</th></tr>
 *   <tr><td>{@code client-id}</td><td>Airbyte application client id (or {@code client-id-env}: the
 *       environment variable that holds it)</td><td>required</td></tr>
 *   <tr><td>{@code client-secret-env}</td><td>name of the environment variable holding the client
 *       secret (or {@code client-secret-property}: a system property). The secret itself is refused
 *       in web.xml.</td><td>required</td></tr>
 *   <tr><td>{@code allowed-origins}</td><td>comma-separated origins allowed to host the widget,
 *       such as {@code https://app.example.com}</td><td>required</td></tr>
 *   <tr><td>{@code api-base-url}</td><td>Airbyte API base URL</td><td>{@code https://api.airbyte.ai}</td></tr>
 *   <tr><td>{@code organization-id}</td><td>sent as {@code X-Organization-Id}</td><td>none</td></tr>
 *   <tr><td>{@code token-path}</td><td>path of the route, relative to the context path</td>
 *       <td>{@code /api/airbyte/widget-token}</td></tr>
 *   <tr><td>{@code workspace-resolver}</td><td>class name of a {@link WorkspaceResolver} with a public
 *       no-argument constructor</td><td>the principal's name</td></tr>
 *   <tr><td>{@code workspace-fold-case}</td><td>whether workspace names are case folded ({@code Alice}
 *       and {@code alice} are one workspace)</td><td>{@code false}</td></tr>
 *   <tr><td>{@code operator-token-refresh-skew}</td><td>how long before expiry the operator token is
 *       replaced ({@code 60s}, {@code PT1M})</td><td>{@code 60s}</td></tr>
 *   <tr><td>{@code connect-timeout}</td><td>connect timeout of calls to Airbyte</td><td>{@code 5s}</td></tr>
 *   <tr><td>{@code request-timeout}</td><td>timeout of each call to Airbyte</td><td>{@code 10s}</td></tr>
 *   <tr><td>{@code body-read-timeout}</td><td>how long a route waits for a request body
 *       ({@code 408} after that)</td><td>{@code 10s}</td></tr>
 *   <tr><td>{@code rate-limit}</td><td>widget tokens per user, {@code permits/period} or {@code
 *       off}</td><td>{@code 10/1m}</td></tr>
 *   <tr><td>{@code sources-list-rate-limit}</td><td>source listings per user, {@code permits/period} or
 *       {@code off}</td><td>{@code 60/1m}</td></tr>
 *   <tr><td>{@code sources-change-rate-limit}</td><td>source disconnections and source events per user,
 *       together, {@code permits/period} or {@code off}</td><td>{@code 30/1m}</td></tr>
 *   <tr><td>{@code rate-limit-max-tracked-users}</td><td>users whose rate-limit state each limit
 *       keeps</td><td>{@code 10000}</td></tr>
 *   <tr><td>{@code region-id}</td><td>region of new workspaces</td><td>Airbyte's (US)</td></tr>
 *   <tr><td>{@code source-template-tags}, {@code source-template-tags-mode}</td><td>tags selecting the
 *       connectors offered, {@code any} or {@code all}</td><td>all connectors</td></tr>
 *   <tr><td>{@code connection-template-tags}, {@code connection-template-tags-mode}</td><td>tags
 *       selecting the connection templates, {@code any} or {@code all}</td><td>all templates</td></tr>
 *   <tr><td>{@code widget-version}</td><td>exact widget version in the script URL (no range, no
 *       {@code latest})</td><td>{@code 0.4.5}</td></tr>
 *   <tr><td>{@code widget-cdn-base}</td><td>where the widget script is loaded from: a jsDelivr-shaped
 *       URL (the emulator's {@code http://127.0.0.1:8181/npm}) or a self-hosted path</td>
 *       <td>{@code https://cdn.jsdelivr.net/npm}</td></tr>
 *   <tr><td>{@code widget-integrity}</td><td>the script's SRI hash, {@code compute} (self-hosted or
 *       loopback only) or {@code none}</td><td>none, with a startup warning</td></tr>
 *   <tr><td>{@code widget-style-hash}</td><td>CSP hash of the style the widget injects, or {@code
 *       unsafe-inline}</td><td>the hash for 0.4.5</td></tr>
 *   <tr><td>{@code widget-page-origin}</td><td>origin of the widget's iframe page, for CSP {@code
 *       frame-src}</td><td>learned from minted tokens; {@code https://app.airbyte.ai}</td></tr>
 *   <tr><td>{@code add-content-security-policy}</td><td>whether pages that render the widget's tags get
 *       a CSP header with what the widget needs</td><td>{@code false}</td></tr>
 *   <tr><td>{@code emulator}</td><td>development only: {@code true} starts the testkit's emulator in the
 *       application (the testkit must be on its class path) and takes the API base, the credentials and
 *       the widget's CDN base, integrity and style hash from it; those settings are then
 *       ignored</td><td>{@code false}</td></tr>
 * </table>
 *
 * <p>A missing or invalid setting fails {@link #init(FilterConfig)} with a {@link ServletException}
 * whose cause is an {@link AirbyteEmbeddedConfigException} naming the init-param, so the application
 * does not deploy half-configured.
 *
 * @since 0.1.0
 */
public final class AirbyteEmbeddedFilter implements Filter {

    private static final Logger LOG = System.getLogger(AirbyteEmbeddedFilter.class.getName());
    private static final PageAssets PAGE_ASSETS = PageAssets.installed();

    private volatile AirbyteEmbedded airbyte;
    private volatile Pipeline pipeline;
    private volatile DevelopmentEmulator developmentEmulator;

    /** Creates a filter configured from its init-params in {@link #init(FilterConfig)} (web.xml). */
    public AirbyteEmbeddedFilter() {
    }

    /**
     * Creates a filter with a configuration built in code; init-params are then ignored.
     *
     * @param config the configuration
     */
    public AirbyteEmbeddedFilter(AirbyteEmbeddedConfig config) {
        this(AirbyteEmbedded.create(Objects.requireNonNull(config, "config")));
    }

    /**
     * Creates a filter for an integration created in code, to share it (its statistics, its operator
     * token) with other code; init-params are then ignored.
     *
     * @param airbyte the integration
     */
    public AirbyteEmbeddedFilter(AirbyteEmbedded airbyte) {
        start(Objects.requireNonNull(airbyte, "airbyte"));
    }

    /**
     * Returns the integration this filter serves, once configured.
     *
     * @return the integration
     * @throws IllegalStateException if the filter was created for web.xml and not initialised yet
     */
    public AirbyteEmbedded airbyteEmbedded() {
        AirbyteEmbedded current = airbyte;
        if (current == null) {
            throw new IllegalStateException("AirbyteEmbeddedFilter is not initialised yet");
        }
        return current;
    }

    /**
     * Reads the init-params when the filter was created without a configuration; otherwise does
     * nothing.
     *
     * @param filterConfig the container's filter configuration
     * @throws ServletException if a setting is missing or invalid; its cause is an {@link
     *     AirbyteEmbeddedConfigException} that names it
     */
    @Override
    public void init(FilterConfig filterConfig) throws ServletException {
        if (pipeline == null) {
            DevelopmentEmulator emulator = null;
            try {
                emulator = FilterConfigReader.emulatorRequested(filterConfig) ? DevelopmentEmulator.start() : null;
                start(AirbyteEmbedded.create(FilterConfigReader.fromSystem().read(filterConfig, emulator)));
                developmentEmulator = emulator;
            } catch (AirbyteEmbeddedConfigException e) {
                if (emulator != null) {
                    emulator.close();
                }
                throw new ServletException("Airbyte Embedded filter '" + filterConfig.getFilterName()
                        + "' is misconfigured: " + e.getMessage(), e);
            }
        }
        ServletContext context = filterConfig.getServletContext();
        if (context != null && context.getAttribute(AirbyteEmbedded.SERVLET_CONTEXT_ATTRIBUTE) == null) {
            context.setAttribute(AirbyteEmbedded.SERVLET_CONTEXT_ATTRIBUTE, airbyte);
        }
        try {
            airbyte.startPage(context);
        } catch (AirbyteEmbeddedConfigException e) {
            throw new ServletException("Airbyte Embedded filter '" + filterConfig.getFilterName()
                    + "' is misconfigured: " + e.getMessage(), e);
        }
    }

    private void start(AirbyteEmbedded integration) {
        AirbyteEmbeddedConfig config = integration.config();
        LOG.log(Level.INFO, "Airbyte Embedded token route at POST {0} for origins {1}, Airbyte API {2}",
                config.tokenPath(), config.allowedOrigins(), config.apiBaseUri());
        this.airbyte = integration;
        this.pipeline = integration.pipeline();
    }

    /**
     * Answers requests to the token route and for the bootstrap script, and passes every other request
     * down the chain unchanged.
     *
     * @throws ServletException if the request is not an HTTP request, or the filter was never
     *     initialised
     */
    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!(request instanceof HttpServletRequest httpRequest) || !(response instanceof HttpServletResponse httpResponse)) {
            throw new ServletException("AirbyteEmbeddedFilter handles HTTP requests only");
        }
        Pipeline current = pipeline;
        if (current == null) {
            throw new ServletException("AirbyteEmbeddedFilter was not initialised: the container did not call init()");
        }
        if (PAGE_ASSETS.serve(httpRequest, httpResponse)) {
            return;
        }
        boolean answered;
        try {
            answered = current.handle(httpRequest, httpResponse);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "The token route failed unexpectedly: " + e.getClass().getName());
            if (!httpResponse.isCommitted()) {
                httpResponse.reset();
                JsonResponses.error(httpResponse, ErrorCode.INTERNAL_ERROR);
            }
            return;
        }
        if (!answered) {
            chain.doFilter(request, response);
        }
    }

    /** Stops the in-process emulator that {@code emulator=true} started, if any. */
    @Override
    public void destroy() {
        DevelopmentEmulator emulator = developmentEmulator;
        developmentEmulator = null;
        if (emulator != null) {
            emulator.close();
        }
    }

    @Override
    public String toString() {
        return "AirbyteEmbeddedFilter";
    }
}
