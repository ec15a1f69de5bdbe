package com.example.plainjetty;

// tag::imports[]
import io.github.airbyteembedded.servlet.AirbyteEmbeddedConfig;
import io.github.airbyteembedded.servlet.AirbyteEmbeddedFilter;
import io.github.airbyteembedded.servlet.WidgetScript;
import jakarta.servlet.DispatcherType;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
// end::imports[]
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.ee10.servlet.security.ConstraintMapping;
import org.eclipse.jetty.ee10.servlet.security.ConstraintSecurityHandler;
import org.eclipse.jetty.security.Constraint;
import org.eclipse.jetty.security.HashLoginService;
import org.eclipse.jetty.security.UserStore;
import org.eclipse.jetty.security.authentication.BasicAuthenticator;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.security.Password;

/**
 * A plain Java web application on embedded Jetty 12, no framework: users sign in with HTTP Basic (Jetty's
 * own security handler, two users: alice and bob, password {@code password}), and the home page has a
 * button that opens the Airbyte widget, for the signed-in user's own workspace.
 *
 * <p>Every Airbyte setting comes from the environment: {@code AIRBYTE_CLIENT_ID}, {@code
 * AIRBYTE_CLIENT_SECRET}, {@code AIRBYTE_ALLOWED_ORIGINS} (default {@code http://localhost:8080}) and,
 * for the local emulator (see the README), {@code AIRBYTE_API_BASE_URL} and {@code AIRBYTE_WIDGET_CDN_BASE}.
 * {@code AIRBYTE_WIDGET_INTEGRITY} is the widget script's SRI hash. {@code PORT} is the port (8080).
 */
public final class PlainJettyApp {

    private PlainJettyApp() {
    }

    /**
     * Starts the application and serves until the process is stopped.
     *
     * @param args none
     * @throws Exception if Jetty cannot start, or a setting is missing or invalid (an {@code
     *     AirbyteEmbeddedConfigException} that names it)
     */
    public static void main(String[] args) throws Exception {
        Map<String, String> environment = System.getenv();
        Server server = start(environment, Integer.parseInt(environment.getOrDefault("PORT", "8080")));
        server.join();
    }

    /**
     * Starts the application on a port.
     *
     * @param environment the settings, as the process environment holds them
     * @param port the port, or 0 for a free one
     * @return the started server
     * @throws Exception if Jetty cannot start, or a setting is missing or invalid
     */
    static Server start(Map<String, String> environment, int port) throws Exception {
        // tag::recipe[]
        AirbyteEmbeddedConfig config = AirbyteEmbeddedConfig.builder()
                .clientId(environment.get("AIRBYTE_CLIENT_ID"))          // missing: fails here, naming the setting
                .clientSecret(environment.get("AIRBYTE_CLIENT_SECRET"))
                .allowedOrigins(List.of(environment.getOrDefault("AIRBYTE_ALLOWED_ORIGINS", "http://localhost:8080").split(",")))
                .apiBaseUri(environment.getOrDefault("AIRBYTE_API_BASE_URL", AirbyteEmbeddedConfig.DEFAULT_API_BASE_URI.toString()))
                .widgetScript(widgetScript(environment))
                .addContentSecurityPolicy(true)                          // the page gets the widget's CSP header
                .build();

        ServletContextHandler context = new ServletContextHandler(ServletContextHandler.SESSIONS);
        FilterHolder airbyte = new FilterHolder(new AirbyteEmbeddedFilter(config));
        airbyte.setAsyncSupported(true);                                 // no container thread waits on Airbyte
        context.addFilter(airbyte, "/*", EnumSet.of(DispatcherType.REQUEST));
        context.setSecurityHandler(basicAuthentication());               // runs before every filter: users are known
        // end::recipe[]
        context.addServlet(new ServletHolder(new HomeServlet()), "/");

        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setPort(port);
        server.addConnector(connector);
        server.setHandler(context);
        server.setStopAtShutdown(true);
        server.start();
        return server;
    }

    /**
     * The widget script: from jsDelivr by default; from {@code AIRBYTE_WIDGET_CDN_BASE} when set (the
     * emulator's {@code http://127.0.0.1:8181/npm}), then with its integrity computed from the script it
     * serves unless {@code AIRBYTE_WIDGET_INTEGRITY} gives one.
     */
    static WidgetScript widgetScript(Map<String, String> environment) {
        WidgetScript.Builder script = WidgetScript.builder();
        String cdnBase = environment.get("AIRBYTE_WIDGET_CDN_BASE");
        String integrity = environment.get("AIRBYTE_WIDGET_INTEGRITY");
        if (cdnBase != null) {
            script.cdnBase(cdnBase);
            if (integrity == null) {
                script.computeIntegrity();
            }
        }
        if (integrity != null) {
            script.integrity(integrity);
        }
        return script.build();
    }

    // tag::authentication[]
    /** Jetty's own HTTP Basic authentication: every page needs a signed-in user, who has the role {@code user}. */
    static ConstraintSecurityHandler basicAuthentication() {
        UserStore users = new UserStore();
        users.addUser("alice", new Password("password"), new String[] {"user"});
        users.addUser("bob", new Password("password"), new String[] {"user"});
        HashLoginService loginService = new HashLoginService("plain-jetty");
        loginService.setUserStore(users);

        ConstraintMapping pages = new ConstraintMapping();
        pages.setPathSpec("/*");
        pages.setConstraint(Constraint.from("user"));
        ConstraintSecurityHandler security = new ConstraintSecurityHandler();
        security.setLoginService(loginService);
        security.setAuthenticator(new BasicAuthenticator());
        security.setConstraintMappings(List.of(pages));
        return security;
    }
    // end::authentication[]
}
