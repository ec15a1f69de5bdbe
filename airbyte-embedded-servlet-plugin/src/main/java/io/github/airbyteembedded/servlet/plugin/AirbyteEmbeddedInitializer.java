package io.github.airbyteembedded.servlet.plugin;

import io.github.airbyteembedded.servlet.AirbyteEmbeddedConfigException;
import io.github.airbyteembedded.servlet.AirbyteEmbeddedFilter;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.EnumSet;
import java.util.Set;

/**
 * Registers {@link AirbyteEmbeddedFilter} in a web application that has this jar in {@code
 * WEB-INF/lib}, with no filter block in web.xml ("zero-web.xml" mode). The container runs it at startup
 * (it is a {@link ServletContainerInitializer}, listed in {@code META-INF/services}); the jar's {@code
 * web-fragment.xml} names it {@code airbyte_embedded} for the application's {@code <absolute-ordering>}.
 *
 * <p>The filter is registered under the name {@value #FILTER_NAME}, async-supported, for requests to
 * {@code /*}, <em>after</em> every filter declared in web.xml, in web fragments or by {@code @WebFilter}
 * (the Servlet API's {@code isMatchAfter}): an application filter that authenticates users runs first,
 * so the filter sees their principal. Container-managed security ({@code <login-config>}) runs before
 * every filter. A filter that the application registers in code is ordered by registration; give it
 * {@code isMatchAfter=false} if it authenticates.
 *
 * <p>Settings are the filter's init-params (see {@link AirbyteEmbeddedFilter}), each taken from the
 * system property {@code airbyte.<name>}, else the environment variable {@code AIRBYTE_<NAME>} ({@code
 * client-id} is {@code AIRBYTE_CLIENT_ID}), else the context-param {@code airbyte.<name>}. The client
 * secret is the environment variable {@code AIRBYTE_CLIENT_SECRET} or the system property {@code
 * airbyte.client-secret}, never a context-param. A missing or invalid setting fails the deployment with
 * a message that names it and where to set it:
 *
 * <pre>
 * AIRBYTE_CLIENT_ID=...  AIRBYTE_CLIENT_SECRET=...  AIRBYTE_ALLOWED_ORIGINS=https://app.example.com  catalina.sh run
 * </pre>
 *
 * <p>When web.xml already declares an {@link AirbyteEmbeddedFilter}, the plugin registers nothing.
 *
 * @since 0.2.0
 */
public final class AirbyteEmbeddedInitializer implements ServletContainerInitializer {

    /** The name of the filter the plugin registers: {@value}. */
    public static final String FILTER_NAME = "airbyteEmbedded";

    private static final Logger LOG = System.getLogger(AirbyteEmbeddedInitializer.class.getName());

    /** Creates the initializer; the container does, through {@code META-INF/services}. */
    public AirbyteEmbeddedInitializer() {
    }

    /**
     * Configures the filter from the plugin's settings and registers it.
     *
     * @param classes unused (the initializer declares no {@code @HandlesTypes})
     * @param context the web application
     * @throws ServletException if a setting is missing or invalid, which fails the deployment; its
     *     cause is the {@link AirbyteEmbeddedConfigException} that names the setting
     */
    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext context) throws ServletException {
        if (declaredInWebXml(context)) {
            LOG.log(Level.INFO, "airbyte-embedded-servlet-plugin: web.xml declares the Airbyte Embedded filter, "
                    + "so the plugin registers none");
            return;
        }
        AirbyteEmbeddedFilter filter = new AirbyteEmbeddedFilter();
        try {
            filter.init(PluginSettings.fromSystem(FILTER_NAME, context));
        } catch (ServletException e) {
            throw misconfigured(e);
        }
        FilterRegistration.Dynamic registration = context.addFilter(FILTER_NAME, filter);
        if (registration == null) {
            filter.destroy();
            throw new ServletException("airbyte-embedded-servlet-plugin: the web application already has a filter named '"
                    + FILTER_NAME + "'; rename it, or exclude the plugin (web-fragment airbyte_embedded) with <absolute-ordering>");
        }
        registration.setAsyncSupported(true);
        registration.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, "/*");
    }

    private static boolean declaredInWebXml(ServletContext context) {
        return context.getFilterRegistrations().values().stream()
                .anyMatch(registration -> AirbyteEmbeddedFilter.class.getName().equals(registration.getClassName()));
    }

    /** The filter's error, with where the plugin reads the setting from. */
    private static ServletException misconfigured(ServletException e) {
        if (!(e.getCause() instanceof AirbyteEmbeddedConfigException cause)) {
            return e;
        }
        String setting = PluginSettings.secretOf(cause.setting()).map(secret -> secret.key()).orElse(cause.setting());
        return new ServletException("airbyte-embedded-servlet-plugin: Airbyte Embedded is misconfigured, so the application "
                + "is not deployed: " + cause.getMessage() + " (the plugin reads " + setting + " from "
                + PluginSettings.sources(setting) + ")", cause);
    }
}
