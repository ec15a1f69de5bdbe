package io.github.airbyteembedded.servlet.internal.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.airbyteembedded.servlet.TokenRouteListener;
import io.github.airbyteembedded.servlet.internal.stats.RouteMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The in-flight bound and its queue, on a ticker and an expiry the test drives: no clock, no waiting.
 * An expiry recorded by the fake ends only when the test says the wait is over.
 */
class UpstreamPermitsTest {

    private static final Duration MAX_WAIT = Duration.ofSeconds(3);

    private final AtomicLong nanos = new AtomicLong();
    private final List<CompletableFuture<Boolean>> expiries = new ArrayList<>();
    private final List<String> heard = new ArrayList<>();
    private final RouteMetrics metrics = new RouteMetrics(new TokenRouteListener() {
        @Override
        public void onQueued(int queued) {
            heard.add("queued " + queued);
        }

        @Override
        public void onDequeued(boolean admitted, Duration waited, int queued) {
            heard.add((admitted ? "admitted" : "expired") + " after " + waited.toMillis() + " ms, " + queued + " left");
        }
    });

    private UpstreamPermits permits(int limit, int maxQueued) {
        return new UpstreamPermits(limit, maxQueued, MAX_WAIT, nanos::get, metrics, (wait, turn) -> {
            assertEquals(MAX_WAIT, wait);
            expiries.add(turn);
        });
    }

    /** The test's way of saying that a waiting request's longest wait is over. */
    private void waitEnds(int waiter) {
        expiries.get(waiter).complete(false);
    }

    @Test
    void admitsAtOnceUpToTheBoundThenQueues() {
        UpstreamPermits permits = permits(2, 10);
        assertSame(Admission.ADMITTED, permits.admit());
        assertSame(Admission.ADMITTED, permits.admit());
        CompletableFuture<Boolean> third = permits.admit();
        assertFalse(third.isDone());
        assertEquals(2, permits.inFlight());
        assertEquals(1, permits.queued());
        assertEquals(List.of("queued 1"), heard);
    }

    @Test
    void aCallThatEndsHandsItsPermitToTheFirstWaitingRequest() {
        UpstreamPermits permits = permits(1, 10);
        permits.admit();
        CompletableFuture<Boolean> first = permits.admit();
        CompletableFuture<Boolean> second = permits.admit();
        nanos.addAndGet(Duration.ofMillis(40).toNanos());

        permits.release();
        assertTrue(first.getNow(null));
        assertFalse(second.isDone());
        assertEquals(1, permits.inFlight(), "the permit passed on; it was not given back");
        assertEquals(1, permits.queued());
        assertEquals("admitted after 40 ms, 1 left", heard.get(2));

        permits.release();
        assertTrue(second.getNow(null));
        permits.release();
        assertEquals(0, permits.inFlight());
        assertEquals(0, permits.queued());
    }

    @Test
    void aNewcomerDoesNotTakeAFreePermitAheadOfTheRequestsWaiting() {
        UpstreamPermits permits = permits(2, 10);
        permits.admit();
        permits.admit();
        CompletableFuture<Boolean> waiting = permits.admit();
        permits.release(); // goes to the waiting request
        CompletableFuture<Boolean> newcomer = permits.admit();
        assertTrue(waiting.getNow(null));
        assertFalse(newcomer.isDone(), "the newcomer queues behind the others");
    }

    @Test
    void refusesAtOnceWhenTheQueueIsFull() {
        UpstreamPermits permits = permits(1, 2);
        permits.admit();
        permits.admit();
        permits.admit();
        assertSame(Admission.REFUSED, permits.admit());
        assertEquals(2, permits.queued());
    }

    @Test
    void withoutAQueueEveryRequestPastTheBoundIsRefusedAtOnce() {
        UpstreamPermits permits = permits(1, 0);
        assertSame(Admission.ADMITTED, permits.admit());
        assertSame(Admission.REFUSED, permits.admit());
        assertEquals(List.of(), heard);
    }

    @Test
    void aRequestWhoseWaitEndsIsRefusedAndLeavesTheQueueWithoutTakingAPermit() {
        UpstreamPermits permits = permits(1, 10);
        permits.admit();
        CompletableFuture<Boolean> first = permits.admit();
        CompletableFuture<Boolean> second = permits.admit();
        nanos.addAndGet(MAX_WAIT.toNanos());

        waitEnds(0);
        assertFalse(first.getNow(null));
        assertEquals(1, permits.queued());
        assertEquals("expired after 3000 ms, 1 left", heard.get(2));

        permits.release();
        assertTrue(second.getNow(null), "the permit skipped the request that left");
        permits.release();
        assertEquals(0, permits.inFlight());
    }

    @Test
    void aRefusedRequestHasLeftTheQueueAndItsWaitIsCountedWhenItsAnswerIsWritten() {
        // TokenRouteFailuresIT read upstreamCallsQueued() == 1 right after the 503 had arrived.
        UpstreamPermits permits = permits(1, 10);
        permits.admit();
        CompletableFuture<Boolean> waiting = permits.admit();
        List<Integer> queuedWhenAnswered = new ArrayList<>();
        waiting.thenAccept(admitted -> queuedWhenAnswered.add(permits.queued()));
        List<Integer> waitsHeardWhenAnswered = new ArrayList<>();
        waiting.thenAccept(admitted -> waitsHeardWhenAnswered.add(heard.size()));

        waitEnds(0);

        assertEquals(List.of(0), queuedWhenAnswered);
        assertEquals(List.of(2), waitsHeardWhenAnswered, "queued, then its wait: both heard before the answer");
    }

    @Test
    void aWaitThatEndsAfterItsRequestGotThePermitChangesNothing() {
        UpstreamPermits permits = permits(1, 10);
        permits.admit();
        CompletableFuture<Boolean> waiting = permits.admit();
        permits.release();
        waitEnds(0);
        assertTrue(waiting.getNow(null));
        assertEquals(1, permits.inFlight());
        assertEquals(List.of("queued 1", "admitted after 0 ms, 0 left"), heard);
    }

    @Test
    void aRequestThatGivesUpItsTurnLeavesTheQueue() {
        UpstreamPermits permits = permits(1, 10);
        permits.admit();
        CompletableFuture<Boolean> waiting = permits.admit();
        assertTrue(waiting.complete(false));
        assertEquals(0, permits.queued());
        permits.release();
        assertEquals(0, permits.inFlight());
    }

    @Test
    void callsThatEndAsSoonAsTheyStartHandTheirPermitsOnWithoutNesting() {
        UpstreamPermits permits = permits(1, 100_000);
        permits.admit();
        int waiting = 50_000;
        List<CompletableFuture<Boolean>> turns = new ArrayList<>();
        for (int i = 0; i < waiting; i++) {
            CompletableFuture<Boolean> turn = permits.admit();
            turn.thenRun(permits::release); // its call fails at once
            turns.add(turn);
        }
        permits.release(); // would overflow the stack if each hand-over ran inside the previous one
        assertTrue(turns.stream().allMatch(turn -> turn.getNow(false)));
        assertEquals(0, permits.inFlight());
        assertEquals(0, permits.queued());
    }
}
