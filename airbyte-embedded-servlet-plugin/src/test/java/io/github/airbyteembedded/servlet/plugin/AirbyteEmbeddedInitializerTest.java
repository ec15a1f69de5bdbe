package io.github.airbyteembedded.servlet.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.airbyteembedded.servlet.AirbyteEmbeddedFilter;
import io.github.airbyteembedded.testkit.AirbyteEmulator;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plugin in a web application with a real web.xml, processed by Jetty: where its filter runs
 * relative to the application's own, and how a misconfiguration fails the deployment.
 */
class AirbyteEmbeddedInitializerTest {

    private static final String ORIGIN = "https://app.example.com";
    private static final String SECRET_PROPERTY = "test.initializer.airbyte-secret";
    private static final String TOKEN_PATH = "/api/airbyte/widget-token";

    private static AirbyteEmulator emulator;

    @TempDir
    Path webapp;

    private Server server;

    @BeforeAll
    static void startEmulator() {
        emulator = AirbyteEmulator.builder().build().start();
        System.setProperty(SECRET_PROPERTY, AirbyteEmulator.DEFAULT_CLIENT_SECRET);
    }

    @AfterAll
    static void stopEmulator() {
        System.clearProperty(SECRET_PROPERTY);
        emulator.close();
    }

    @AfterEach
    void stopServer() throws Exception {
        if (server != null) {
            server.stop();
        }
    }

    /** The plugin's settings as context-params, the secret through a system property. */
    private static Map<String, String> settings() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("airbyte.client-id", AirbyteEmulator.DEFAULT_CLIENT_ID);
        params.put("airbyte.client-secret-property", SECRET_PROPERTY);
        params.put("airbyte.allowed-origins", ORIGIN);
        params.put("airbyte.api-base-url", emulator.baseUri().toString());
        return params;
    }

    private static String webXml(String filters) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
                %s
                </web-app>
                """.formatted(filters);
    }

    private static final String AUTHENTICATING_FILTER = """
            <filter>
              <filter-name>appAuthentication</filter-name>
              <filter-class>%s</filter-class>
              <async-supported>true</async-supported>
            </filter>
            <filter-mapping><filter-name>appAuthentication</filter-name><url-pattern>/*</url-pattern></filter-mapping>
            """.formatted(HeaderAuthenticationFilter.class.getName());

    private URI deploy(String webXml, Map<String, String> contextParams) throws Exception {
        Files.createDirectories(webapp.resolve("WEB-INF"));
        Files.writeString(webapp.resolve("WEB-INF/web.xml"), webXml);
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        WebAppContext context = new WebAppContext();
        context.setContextPath("/");
        context.setBaseResourceAsPath(webapp);
        context.setParentLoaderPriority(true);
        context.setThrowUnavailableOnStartupException(true);
        contextParams.forEach(context::setInitParameter);
        context.addServletContainerInitializer(new AirbyteEmbeddedInitializer());
        server.setHandler(context);
        server.start();
        return URI.create("http://127.0.0.1:" + connector.getLocalPort());
    }

    private static HttpResponse<String> requestToken(URI base, String user) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(TOKEN_PATH))
                .header("Origin", ORIGIN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}"));
        if (user != null) {
            request.header(HeaderAuthenticationFilter.HEADER, user);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void registersTheFilterAfterTheApplicationsFilterThatAuthenticates() throws Exception {
        URI base = deploy(webXml(AUTHENTICATING_FILTER), settings());

        HttpResponse<String> token = requestToken(base, "alice");

        assertEquals(200, token.statusCode(), token.body());
        assertTrue(emulator.workspace("alice").isPresent(), "the workspace is the principal the application's filter set");
        assertEquals(401, requestToken(base, null).statusCode());
        WebAppContext context = (WebAppContext) server.getHandler();
        assertTrue(context.getServletHandler().getFilter(AirbyteEmbeddedInitializer.FILTER_NAME).isAsyncSupported());
    }

    @Test
    void aMissingSettingFailsTheDeploymentNamingItAndWhereToSetIt() {
        Map<String, String> params = settings();
        params.remove("airbyte.allowed-origins");

        Exception e = assertThrows(Exception.class, () -> deploy(webXml(""), params));

        String message = messages(e);
        assertTrue(message.contains("allowed-origins"), message);
        assertTrue(message.contains("AIRBYTE_ALLOWED_ORIGINS") && message.contains("context-param airbyte.allowed-origins"), message);
    }

    @Test
    void aMissingSecretNamesTheEnvironmentVariableAndNeverAValue() {
        Map<String, String> params = settings();
        params.remove("airbyte.client-secret-property");

        String message = messages(assertThrows(Exception.class, () -> deploy(webXml(""), params)));

        assertTrue(message.contains("AIRBYTE_CLIENT_SECRET"), message);
        assertFalse(message.contains(AirbyteEmulator.DEFAULT_CLIENT_SECRET), message);
    }

    @Test
    void aSecretWrittenAsAContextParamIsRefused() {
        Map<String, String> params = settings();
        params.put("airbyte.client-secret", "written-in-web-xml");

        String message = messages(assertThrows(Exception.class, () -> deploy(webXml(""), params)));

        assertTrue(message.contains("client-secret"), message);
        assertFalse(message.contains("written-in-web-xml"), message);
    }

    @Test
    void registersNothingWhenWebXmlDeclaresTheFilter() throws Exception {
        String declared = """
                <filter>
                  <filter-name>declaredAirbyte</filter-name>
                  <filter-class>%s</filter-class>
                  <async-supported>true</async-supported>
                  <init-param><param-name>client-id</param-name><param-value>%s</param-value></init-param>
                  <init-param><param-name>client-secret-property</param-name><param-value>%s</param-value></init-param>
                  <init-param><param-name>allowed-origins</param-name><param-value>%s</param-value></init-param>
                  <init-param><param-name>api-base-url</param-name><param-value>%s</param-value></init-param>
                </filter>
                <filter-mapping><filter-name>declaredAirbyte</filter-name><url-pattern>/*</url-pattern></filter-mapping>
                """.formatted(AirbyteEmbeddedFilter.class.getName(), AirbyteEmulator.DEFAULT_CLIENT_ID, SECRET_PROPERTY, ORIGIN,
                emulator.baseUri());
        URI base = deploy(webXml(AUTHENTICATING_FILTER + declared), Map.of());

        assertEquals(200, requestToken(base, "bob").statusCode());
        WebAppContext context = (WebAppContext) server.getHandler();
        assertEquals(null, context.getServletHandler().getFilter(AirbyteEmbeddedInitializer.FILTER_NAME));
    }

    /** Every message in a cause chain, one per line. */
    private static String messages(Throwable e) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append('\n');
            for (Throwable suppressed : t.getSuppressed()) {
                all.append(messages(suppressed));
            }
        }
        return all.toString();
    }

    /** An application's own authentication filter: the header {@value #HEADER} is the user. */
    public static final class HeaderAuthenticationFilter implements Filter {

        static final String HEADER = "X-Test-User";

        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
                throws IOException, ServletException {
            HttpServletRequest http = (HttpServletRequest) request;
            String user = http.getHeader(HEADER);
            if (user == null) {
                chain.doFilter(request, response);
                return;
            }
            Principal principal = () -> user;
            chain.doFilter(new HttpServletRequestWrapper(http) {
                @Override
                public Principal getUserPrincipal() {
                    return principal;
                }
            }, response);
        }
    }
}
