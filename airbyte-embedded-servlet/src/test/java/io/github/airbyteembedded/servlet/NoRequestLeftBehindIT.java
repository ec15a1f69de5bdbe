package io.github.airbyteembedded.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.airbyteembedded.servlet.testapp.TestWebApp;
import io.github.airbyteembedded.testkit.AirbyteEmulator;
import io.github.airbyteembedded.testkit.Fault;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Every request is answered at its own deadline, whatever another request's answer is doing (issue 12,
 * item 4): the deadlines of calls to Airbyte used to fire on the JDK's one shared CompletableFuture
 * delay thread, which then also ran everything that followed, down to writing the answer and telling
 * the application's listener; one answer that blocked there (a slow client, a slow listener) held back
 * every other deadline in the JVM, so requests stayed in flight, their permits held, until the
 * container's own timeout, which Tomcat does not fire at all while a graceful shutdown has paused it.
 */
final class NoRequestLeftBehindIT {

    private static final String ORIGIN = "http://localhost:8080";
    private static final String WIDGET_CALL = "POST /api/v1/account/applications/widget-token";

    @Test
    void aDeadlineAnswerHeldUpByTheApplicationDoesNotHoldBackTheDeadlinesOfOtherRequests() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger timeoutsAnswered = new AtomicInteger();
        AtomicInteger widgetCallsEnded = new AtomicInteger();
        TokenRouteListener listener = new TokenRouteListener() {
            @Override
            public void onOutcome(String outcome, Duration elapsed) {
                if (outcome.equals("upstream_timeout") && timeoutsAnswered.incrementAndGet() == 1) {
                    try {
                        release.await(60, TimeUnit.SECONDS); // the application's listener takes its time
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }

            @Override
            public void onUpstreamCall(String call, int status, Duration elapsed) {
                if (call.equals(WIDGET_CALL)) {
                    widgetCallsEnded.incrementAndGet();
                }
            }
        };
        try (AirbyteEmulator emulator = AirbyteEmulator.builder().build().start()) {
            AirbyteEmbedded airbyte = AirbyteEmbedded.create(AirbyteEmbeddedConfig.builder()
                    .apiBaseUri(emulator.baseUri())
                    .clientId(AirbyteEmulator.DEFAULT_CLIENT_ID)
                    .clientSecret(AirbyteEmulator.DEFAULT_CLIENT_SECRET)
                    .allowedOrigin(ORIGIN)
                    .connectTimeout(Duration.ofSeconds(1))
                    .requestTimeout(Duration.ofSeconds(2))
                    .listener(listener)
                    .build());
            try (TestWebApp app = TestWebApp.start(airbyte, 16)) {
                check(emulator, app, airbyte, release, timeoutsAnswered, widgetCallsEnded);
            }
        }
    }

    private static void check(AirbyteEmulator emulator, TestWebApp app, AirbyteEmbedded airbyte, CountDownLatch release,
            AtomicInteger timeoutsAnswered, AtomicInteger widgetCallsEnded) throws Exception {
        {
            assertEquals(200, app.requestToken("warm-up", ORIGIN, "{}").statusCode());
            widgetCallsEnded.set(0);
            emulator.faults().add(Fault.stallBody(WIDGET_CALL)); // headers in, so only our deadline ends it
            try {
                CompletableFuture<HttpResponse<String>> first = app.client().sendAsync(tokenRequest(app, "alice"),
                        HttpResponse.BodyHandlers.ofString());
                Await.until("the first request's answer is held up by the listener", () -> timeoutsAnswered.get() == 1,
                        Duration.ofSeconds(30));

                CompletableFuture<HttpResponse<String>> second = app.client().sendAsync(tokenRequest(app, "bob"),
                        HttpResponse.BodyHandlers.ofString());

                Await.until("the second request's call to Airbyte ends at its own timeout", () -> widgetCallsEnded.get() == 2,
                        Duration.ofSeconds(30));
                assertEquals(504, second.get(30, TimeUnit.SECONDS).statusCode());
                release.countDown();
                assertEquals(504, first.get(30, TimeUnit.SECONDS).statusCode());
                Await.until("no permit is left held", () -> airbyte.statistics().upstreamCallsInFlight() == 0,
                        Duration.ofSeconds(30));
            } finally {
                release.countDown();
                emulator.faults().clear();
            }
        }
    }

    private static java.net.http.HttpRequest tokenRequest(TestWebApp app, String user) {
        return java.net.http.HttpRequest.newBuilder(app.uri(AirbyteEmbeddedConfig.DEFAULT_TOKEN_PATH))
                .header(TestWebApp.USER_HEADER, user)
                .header("Origin", ORIGIN)
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody())
                .build();
    }
}
