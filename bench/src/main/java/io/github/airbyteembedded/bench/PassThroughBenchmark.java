package io.github.airbyteembedded.bench;

import io.github.airbyteembedded.servlet.AirbyteEmbeddedConfig;
import io.github.airbyteembedded.servlet.AirbyteEmbeddedFilter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Benchmark 4 (JMH): what the filter costs a request to another path of the app. {@link
 * #chainDirectly()} is the app without the filter (the chain called directly); {@link
 * #throughFilter()} is the same request through {@link AirbyteEmbeddedFilter#doFilter}, which only
 * checks the path and passes it on. The chain does the same trivial work in both.
 *
 * <p>Not final, unlike our other classes: JMH generates subclasses of benchmark and state classes.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class PassThroughBenchmark {

    /** Kept strongly reachable, or java.util.logging would forget its level (JMH's forked JVMs log too). */
    private static final Logger PROJECT_LOGGER = Logger.getLogger("io.github.airbyteembedded");

    private AirbyteEmbeddedFilter filter;
    private StubRequest request;
    private StubResponse response;
    private CountingChain chain;

    /** Creates the filter (no upstream is contacted on this path) and a request to another path. */
    @Setup
    public void setUp() {
        PROJECT_LOGGER.setLevel(Level.SEVERE); // the filter's startup line, once per fork
        filter = new AirbyteEmbeddedFilter(AirbyteEmbeddedConfig.builder()
                .apiBaseUri("http://127.0.0.1:9")
                .clientId("bench")
                .clientSecret("bench-secret")
                .allowedOrigin("https://app.example.com")
                .build());
        request = new StubRequest("GET", "/orders/42/items", "", null, true);
        response = new StubResponse();
        chain = new CountingChain();
    }

    /**
     * The app without the filter.
     *
     * @return the chain, so its work is not dead code
     * @throws IOException never
     * @throws ServletException never
     */
    @Benchmark
    public Object chainDirectly() throws IOException, ServletException {
        chain.doFilter(request, response);
        return chain;
    }

    /**
     * The same request through the filter.
     *
     * @return the chain, so its work is not dead code
     * @throws IOException never
     * @throws ServletException never
     */
    @Benchmark
    public Object throughFilter() throws IOException, ServletException {
        filter.doFilter(request, response, chain);
        return chain;
    }

    /** The rest of the app: counts the requests it sees. */
    static final class CountingChain implements FilterChain {
        private long requests;
        private ServletRequest last;

        @Override
        public void doFilter(ServletRequest request, ServletResponse response) {
            requests++;
            last = request;
        }
    }
}
