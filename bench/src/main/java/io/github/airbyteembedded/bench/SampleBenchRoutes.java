package io.github.airbyteembedded.bench;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * The benchmark's own routes inside the sample app, beside ours and behind the same chain (Tomcat,
 * Spring Security with its session and CSRF check, then the servlet filters): {@value #NOOP_PATH}, the
 * floor (a signed-in POST answered with a small JSON body and nothing else), {@value #BLOCKING_PATH}
 * ({@link BaselineTokenServlet}) and {@value #SEED_PATH} ({@link SeedStyleTokenServlet}).
 *
 * <p>Never part of the sample: {@link SampleScenario} writes this class and the two servlets into a jar
 * of its own ({@link SampleRoutesJar}), with a {@code META-INF/spring/...AutoConfiguration.imports}
 * naming it, and starts the sample's jar with that jar on Spring Boot's {@code loader.path}. Boot
 * registers a {@code Filter} bean for every request, after Spring Security's. It reads where Airbyte is
 * from the same system properties as the sample ({@code airbyte.embedded.*}).
 */
public final class SampleBenchRoutes implements Filter {

    static final String NOOP_PATH = "/bench/noop";
    static final String BLOCKING_PATH = "/bench/blocking-token";
    static final String SEED_PATH = "/bench/seed-token";

    private static final byte[] NOOP_BODY = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);

    private final Map<String, HttpServlet> baselines;

    /** Reads the sample's settings from the system properties the scenario starts it with. */
    public SampleBenchRoutes() {
        URI apiBase = URI.create(System.getProperty("airbyte.embedded.api-base-url"));
        String clientId = System.getProperty("airbyte.embedded.client-id");
        String clientSecret = System.getProperty("airbyte.embedded.client-secret");
        String origin = System.getProperty("airbyte.embedded.allowed-origins");
        Duration connect = Duration.ofSeconds(5);
        Duration request = Duration.ofSeconds(10);
        this.baselines = Map.of(
                BLOCKING_PATH, new BaselineTokenServlet(apiBase, clientId, clientSecret, origin, connect, request),
                SEED_PATH, new SeedStyleTokenServlet(apiBase, clientId, clientSecret, origin, connect, request));
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest http = (HttpServletRequest) request;
        String path = http.getRequestURI();
        if (!path.startsWith("/bench/") || !"POST".equals(http.getMethod())) {
            chain.doFilter(request, response);
            return;
        }
        HttpServletResponse out = (HttpServletResponse) response;
        if (path.equals(NOOP_PATH)) {
            if (http.getUserPrincipal() == null) {
                out.sendError(401);
                return;
            }
            out.setStatus(200);
            out.setContentType("application/json");
            out.setContentLength(NOOP_BODY.length);
            out.getOutputStream().write(NOOP_BODY);
            return;
        }
        HttpServlet baseline = baselines.get(path);
        if (baseline == null) {
            chain.doFilter(request, response);
            return;
        }
        baseline.service(request, response);
    }
}
