package io.github.airbyteembedded.servlet.internal.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.airbyteembedded.servlet.ErrorCode;
import io.github.airbyteembedded.servlet.TokenRouteListener;
import io.github.airbyteembedded.servlet.internal.stats.RouteMetrics;
import io.github.airbyteembedded.servlet.internal.upstream.UpstreamException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * A route's call to Airbyte, answered on the request's thread (a request without async support), on
 * plain fakes: admission, the answer, the mapping of failures, and the admission released whatever
 * happens.
 */
class UpstreamCallTest {

    private final UpstreamPermits permits = new UpstreamPermits(1, 0, Duration.ofSeconds(3), System::nanoTime,
            new RouteMetrics(TokenRouteListener.NONE));
    private final UpstreamCall upstream = new UpstreamCall(permits, Duration.ofSeconds(30), Duration.ofSeconds(3));
    private final PipelineFakes.Response response = new PipelineFakes.Response();
    private final List<String> outcomes = new ArrayList<>();
    private final Exchange exchange = new Exchange(new PipelineFakes.Request("POST").proxy(), response.proxy(), 0,
            (outcome, startedNanos) -> outcomes.add(outcome));

    @Test
    void writesTheAnswerAndReleasesTheAdmission() throws IOException {
        upstream.call(exchange, () -> CompletableFuture.completedFuture("value"), (out, value) -> {
            out.setStatus(201);
            out.getWriter().write(value);
        });
        assertEquals(201, response.status);
        assertEquals("value", response.body.toString());
        assertEquals(0, permits.inFlight());
    }

    @Test
    void refusesWithOverloadedAndRetryAfterWithoutStartingTheWorkWhenNotAdmitted() throws IOException {
        assertTrue(permits.admit().join());
        AtomicBoolean started = new AtomicBoolean();
        upstream.call(exchange, () -> {
            started.set(true);
            return CompletableFuture.completedFuture("value");
        }, (out, value) -> out.setStatus(200));
        assertEquals(503, response.status);
        assertEquals("1", response.header("Retry-After"));
        assertEquals(List.of("overloaded"), outcomes);
        assertEquals(false, started.get());
    }

    @Test
    void answersAnAirbyteFailureWithItsCodeAndRetryAfter() throws IOException {
        upstream.call(exchange, () -> CompletableFuture.failedFuture(UpstreamException.status(ErrorCode.UPSTREAM_RATE_LIMITED,
                "POST /x", 429, Duration.ofSeconds(12))), (out, value) -> out.setStatus(200));
        assertEquals(503, response.status);
        assertEquals("12", response.header("Retry-After"));
        assertEquals(List.of("upstream_rate_limited"), outcomes);
        assertEquals(0, permits.inFlight());
    }

    @Test
    void seesThroughCompletionExceptionsAndAnswersAnythingUnexpectedWithInternalError() throws IOException {
        upstream.call(exchange, () -> CompletableFuture.failedFuture(new CompletionException(new CompletionException(
                UpstreamException.failure(ErrorCode.UPSTREAM_ERROR, "bad", null, null)))), (out, value) -> out.setStatus(200));
        assertEquals(502, response.status);
        PipelineFakes.Response other = new PipelineFakes.Response();
        upstream.call(new Exchange(new PipelineFakes.Request("POST").proxy(), other.proxy(), 0, Exchange.Outcomes.NONE),
                () -> CompletableFuture.failedFuture(new IllegalStateException("bug")), (out, value) -> out.setStatus(200));
        assertEquals(500, other.status);
    }

    @Test
    void answersUpstreamTimeoutAtTheDeadline() throws IOException {
        UpstreamCall quick = new UpstreamCall(permits, Duration.ofMillis(20), Duration.ofSeconds(3));
        quick.call(exchange, CompletableFuture::new, (out, value) -> out.setStatus(200));
        assertEquals(504, response.status);
        assertEquals(List.of("upstream_timeout"), outcomes);
    }

    @Test
    void releasesTheAdmissionWhenStartingTheWorkThrows() {
        assertThrows(IllegalStateException.class, () -> upstream.call(exchange, () -> {
            throw new IllegalStateException("could not start");
        }, (out, value) -> out.setStatus(200)));
        assertEquals(0, permits.inFlight());
    }

    @Test
    void theDeadlineCoversATokenFetchWithItsRetriesAndTheCallTwice() {
        assertEquals(Duration.ofSeconds(62), UpstreamCall.deadline(Duration.ofSeconds(5), Duration.ofSeconds(10)));
    }

    @Test
    void theLongestWaitIsATurnInTheQueueThenTheDeadline() {
        assertEquals(Duration.ofSeconds(33), upstream.longestWait());
    }
}
