package io.github.airbyteembedded.servlet.internal.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.github.airbyteembedded.servlet.AirbyteEmbeddedConfig;
import io.github.airbyteembedded.servlet.ScriptedUpstream;
import io.github.airbyteembedded.servlet.TokenRouteListener;
import io.github.airbyteembedded.servlet.internal.stats.RouteMetrics;
import java.io.IOException;
import java.net.http.HttpClient;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The JDK client may run its own tasks on its selector thread ({@link AirbyteApiClient#newHttpClient}),
 * so nothing that follows a call may run there: a listener or a client slow to read the answer would
 * hold every other call to Airbyte.
 */
final class AirbyteApiClientThreadsTest {

    /** A guard so that a call that never ends fails the test instead of hanging the build; not a speed assertion. */
    private static final long GUARD_SECONDS = 30;
    private static final String TOKEN_BODY = "{\"access_token\":\"operator-token\",\"token_type\":\"bearer\",\"expires_in\":900}";

    private ScriptedUpstream upstream;

    @AfterEach
    void stop() throws IOException {
        if (upstream != null) {
            upstream.close();
        }
    }

    @Test
    void theClientRunsItsOwnTasksOnItsSelectorThreadWhenCallsCompleteOnTheCommonPool() {
        HttpClient client = AirbyteApiClient.newHttpClient(config("http://127.0.0.1:1"));

        boolean commonPool = new CompletableFuture<Void>().defaultExecutor() instanceof ForkJoinPool;
        assertEquals(commonPool, client.executor().isPresent(),
                "the selector thread runs the client's tasks exactly when it never starts a thread per call");
    }

    @Test
    void whatFollowsACallNeverRunsOnTheClientsSelectorThreadEvenWhenTheClientRunsItsTasksThere() throws Exception {
        upstream = ScriptedUpstream.start((request, out) -> ScriptedUpstream.json(out, 200, TOKEN_BODY));
        AirbyteEmbeddedConfig config = config(upstream.baseUri().toString());
        HttpClient direct = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(Runnable::run).build();
        AirbyteApiClient client = new AirbyteApiClient(config, Secret.of("client-secret"), direct, new RouteMetrics(TokenRouteListener.NONE));

        for (int call = 0; call < 5; call++) {
            String thread = client.fetchOperatorToken()
                    .thenApply(token -> Thread.currentThread().getName())
                    .get(GUARD_SECONDS, TimeUnit.SECONDS);

            assertFalse(thread.contains("SelectorManager"), "what follows the call ran on " + thread);
        }
        assertEquals(5, upstream.requests());
    }

    private static AirbyteEmbeddedConfig config(String baseUri) {
        return AirbyteEmbeddedConfig.builder()
                .apiBaseUri(baseUri)
                .clientId("client-id")
                .clientSecret("client-secret")
                .allowedOrigin("http://localhost:8080")
                .build();
    }
}
