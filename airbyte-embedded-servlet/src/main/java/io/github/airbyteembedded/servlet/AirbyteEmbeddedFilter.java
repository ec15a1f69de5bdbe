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
 * A servlet filter that serves Airbyte Embedded's routes for the authenticated user (widget tokens at
 * {@code POST /api/airbyte/widget-token}, the user's sources at {@code /api/airbyte/sources}) and the
 * page side's bootstrap script, and lets every other request through untouched. The package
 * documentation maps what a request to a route goes through; errors are JSON with the codes of {@link
 * ErrorCode}.
 *
 * <p>Order it after the filter that authenticates users, so that {@link
 * HttpServletRequest#getUserPrincipal()} is set, and map it async-supported, so that no container thread
 * waits on Airbyte. It publishes its {@link AirbyteEmbedded} in the servlet context, where the JSP tags
 * and the Thymeleaf dialect find it.
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
 * <p>Every setting is the init-param named by its key; the settings reference (docs/settings.md) lists them
 * all, generated from their one declaration. A missing or invalid setting fails {@link
 * #init(FilterConfig)} with a {@link ServletException} whose cause is an {@link
 * AirbyteEmbeddedConfigException} naming it, so the application does not deploy half-configured.
 *
 * @since 0.1.0
 */
public final class AirbyteEmbeddedFilter implements Filter {

    private static final Logger LOG = System.getLogger(AirbyteEmbeddedFilter.class.getName());
    private static final PageAssets PAGE_ASSETS = PageAssets.installed();

    private volatile AirbyteEmbedded airbyte;
    private volatile Pipeline pipeline;
    private volatile DevelopmentEmulator developmentEmulator;
    private volatile RateLimitStore ownRateLimitStore;

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
                AirbyteEmbeddedConfig config = FilterConfigReader.fromSystem().read(filterConfig, emulator);
                ownRateLimitStore = config.rateLimitStore().orElse(null);
                start(AirbyteEmbedded.create(config));
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
            LOG.log(Level.ERROR, "A route failed unexpectedly: " + e.getClass().getName());
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

    /** Stops the in-process emulator that {@code emulator=true} started, and closes the rate-limit store the init-params created, if any. */
    @Override
    public void destroy() {
        DevelopmentEmulator emulator = developmentEmulator;
        developmentEmulator = null;
        if (emulator != null) {
            emulator.close();
        }
        RateLimitStore store = ownRateLimitStore;
        ownRateLimitStore = null;
        if (store != null) {
            try {
                store.close();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "The rate-limit store did not close cleanly: " + e.getClass().getName());
            }
        }
    }

    @Override
    public String toString() {
        return "AirbyteEmbeddedFilter";
    }
}
