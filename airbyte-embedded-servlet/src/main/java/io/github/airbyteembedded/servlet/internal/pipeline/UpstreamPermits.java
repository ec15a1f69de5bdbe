package io.github.airbyteembedded.servlet.internal.pipeline;

import com.github.benmanes.caffeine.cache.Ticker;
import io.github.airbyteembedded.servlet.internal.stats.RouteMetrics;
import io.github.airbyteembedded.servlet.internal.upstream.Deadlines;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;

/**
 * The {@link Admission} of a fixed bound on the calls in flight, with a bounded queue: a request takes a
 * permit when one is free and nobody waits; else it joins the queue, first come first served, unless
 * the queue is full; a waiting request gets the permit of the next call that ends, or is refused at the
 * end of its longest wait. The queue's length and the waits go to the {@link RouteMetrics}.
 *
 * <p>A permit passes from the call that ended straight to the first waiting request, whose call starts
 * on that thread; a call that ends while a permit is being handed over on the same thread (it failed at
 * once) hands its own permit over after that one, not inside it, so that the stack does not grow with
 * the queue.
 */
public final class UpstreamPermits implements Admission {

    /**
     * Completes {@code over} after a waiting request's longest wait (exceptionally, or with {@code false}),
     * unless it was completed with {@code true} first: the request got its turn.
     */
    @FunctionalInterface
    interface Expiry {
        void after(Duration wait, CompletableFuture<Boolean> over);
    }

    /**
     * The library's deadlines, cancelled when the turn comes first; fired off the JDK's shared delay thread,
     * since the refused request's answer is written on the thread that ends its wait (see {@link Deadlines}).
     */
    private static final Expiry TIMER = (wait, over) -> Deadlines.within(over, wait);

    private final int limit;
    private final int maxQueued;
    private final Duration maxWait;
    private final Ticker ticker;
    private final RouteMetrics metrics;
    private final Expiry expiry;
    private final ThreadLocal<ArrayDeque<Waiter>> handing = new ThreadLocal<>();

    private final Object lock = new Object();
    private int inFlight; // guarded by lock, as are the fields below
    private int queued;
    private Waiter head;
    private Waiter tail;

    /**
     * @param limit calls in flight at once
     * @param maxQueued requests that may wait, 0 for none
     * @param maxWait how long a request may wait
     * @param ticker the time source of the waits
     */
    public UpstreamPermits(int limit, int maxQueued, Duration maxWait, Ticker ticker, RouteMetrics metrics) {
        this(limit, maxQueued, maxWait, ticker, metrics, TIMER);
    }

    UpstreamPermits(int limit, int maxQueued, Duration maxWait, Ticker ticker, RouteMetrics metrics, Expiry expiry) {
        this.limit = limit;
        this.maxQueued = maxQueued;
        this.maxWait = maxWait;
        this.ticker = ticker;
        this.metrics = metrics;
        this.expiry = expiry;
    }

    @Override
    public CompletableFuture<Boolean> admit() {
        Waiter waiter;
        int length;
        synchronized (lock) {
            if (inFlight < limit && head == null) {
                inFlight++;
                return ADMITTED;
            }
            if (queued >= maxQueued) {
                return REFUSED;
            }
            waiter = new Waiter(ticker.read());
            link(waiter);
            length = queued;
        }
        metrics.queued(length);
        CompletableFuture<Boolean> over = new CompletableFuture<>();
        over.whenComplete((gotItsTurn, failure) -> {
            if (!Boolean.TRUE.equals(gotItsTurn)) {
                expired(waiter);
            }
        });
        waiter.turn.whenComplete((admitted, failure) -> over.complete(failure == null && admitted)); // false: given up
        expiry.after(maxWait, over);
        return waiter.turn;
    }

    @Override
    public void release() {
        Waiter next = passPermit();
        if (next == null) {
            return;
        }
        ArrayDeque<Waiter> pending = handing.get();
        if (pending != null) {
            pending.add(next); // handed over by the loop below, further up this thread's stack
            return;
        }
        pending = new ArrayDeque<>();
        handing.set(pending);
        try {
            for (Waiter waiter = next; waiter != null; waiter = pending.poll()) {
                handOver(waiter, pending);
            }
        } finally {
            handing.remove();
        }
    }

    @Override
    public int inFlight() {
        synchronized (lock) {
            return inFlight;
        }
    }

    @Override
    public int queued() {
        synchronized (lock) {
            return queued;
        }
    }

    /** The first waiting request, taken off the queue with the permit of the call that ended; or none, and one permit fewer. */
    private Waiter passPermit() {
        synchronized (lock) {
            Waiter first = head;
            if (first == null) {
                inFlight--;
            } else {
                unlink(first);
            }
            return first;
        }
    }

    /** Starts the waiting request's call with the permit; if its wait ended meanwhile, the permit passes on. */
    private void handOver(Waiter waiter, ArrayDeque<Waiter> pending) {
        if (waiter.turn.complete(true)) {
            metrics.dequeued(true, waiter.waited(ticker), queued());
            return;
        }
        Waiter next = passPermit();
        if (next != null) {
            pending.add(next);
        }
    }

    /**
     * A request whose wait ended before it got a permit (or that gave up its turn) leaves the queue and
     * its wait is recorded, and only then is it refused, so that whoever reads the statistics once it has
     * its answer finds it gone and its wait counted; one being handed a permit (already off the queue)
     * gets it.
     */
    private void expired(Waiter waiter) {
        int length;
        synchronized (lock) {
            if (!waiter.linked) {
                return;
            }
            unlink(waiter);
            length = queued;
        }
        metrics.dequeued(false, waiter.waited(ticker), length);
        waiter.turn.complete(false);
    }

    private void link(Waiter waiter) {
        waiter.previous = tail;
        if (tail == null) {
            head = waiter;
        } else {
            tail.next = waiter;
        }
        tail = waiter;
        waiter.linked = true;
        queued++;
    }

    private void unlink(Waiter waiter) {
        if (waiter.previous == null) {
            head = waiter.next;
        } else {
            waiter.previous.next = waiter.next;
        }
        if (waiter.next == null) {
            tail = waiter.previous;
        } else {
            waiter.next.previous = waiter.previous;
        }
        waiter.previous = null;
        waiter.next = null;
        waiter.linked = false;
        queued--;
    }

    /** A request waiting its turn; its links are guarded by the permits' lock. */
    private static final class Waiter {
        final CompletableFuture<Boolean> turn = new CompletableFuture<>();
        final long sinceNanos;
        Waiter previous;
        Waiter next;
        boolean linked;

        Waiter(long sinceNanos) {
            this.sinceNanos = sinceNanos;
        }

        Duration waited(Ticker ticker) {
            return Duration.ofNanos(Math.max(0, ticker.read() - sinceNanos));
        }
    }
}
