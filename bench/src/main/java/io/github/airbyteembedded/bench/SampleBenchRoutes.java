package io.github.airbyteembedded.bench;

import jakarta.servlet.AsyncContext;
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
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The benchmark's own routes inside the sample app, beside ours and behind the same chain (Tomcat,
 * Spring Security with its session and CSRF check, then the servlet filters): {@value #NOOP_PATH}, the
 * floor (a signed-in POST answered with a small JSON body and nothing else), {@value #ASYNC_NOOP_PATH}
 * (the same answer, written by a timer thread after the upstream latency in an asynchronous request:
 * what the stack's asynchronous path costs any route that waits without a container thread), {@value #BLOCKING_PATH}
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
    static final String ASYNC_NOOP_PATH = "/bench/noop-async";
    static final String BLOCKING_PATH = "/bench/blocking-token";
    static final String SEED_PATH = "/bench/seed-token";

    private static final byte[] NOOP_BODY = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);

    /**
     * How long the asynchronous no-op route waits before it answers: the emulator's latency, from the
     * same system property the scenario starts the app with.
     */
    static final String ASYNC_NOOP_DELAY_PROPERTY = "bench.noop-async.delay-ms";

    private final Map<String, HttpServlet> baselines;
    private final long asyncNoopDelayMillis = Long.getLong(ASYNC_NOOP_DELAY_PROPERTY, 50);
    private final ScheduledExecutorService asyncNoopTimer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "bench-noop-async-timer");
        thread.setDaemon(true);
        return thread;
    });

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
        if (path.equals(ASYNC_NOOP_PATH)) {
            if (http.getUserPrincipal() == null) {
                out.sendError(401);
                return;
            }
            AsyncContext async = http.startAsync();
            asyncNoopTimer.schedule(() -> {
                try {
                    HttpServletResponse answer = (HttpServletResponse) async.getResponse();
                    answer.setStatus(200);
                    answer.setContentType("application/json");
                    answer.setContentLength(NOOP_BODY.length);
                    answer.getOutputStream().write(NOOP_BODY);
                } catch (IOException | RuntimeException e) {
                    // the client went away: nothing to answer
                } finally {
                    async.complete();
                }
            }, asyncNoopDelayMillis, TimeUnit.MILLISECONDS);
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
