package io.github.airbyteembedded.servlet;

import java.util.concurrent.atomic.AtomicInteger;

/** A non-blocking bound on the token requests waiting on Airbyte: take one or be refused at once. */
final class UpstreamPermits {

    private final int limit;
    private final AtomicInteger inFlight = new AtomicInteger();

    UpstreamPermits(int limit) {
        this.limit = limit;
    }

    boolean tryAcquire() {
        while (true) {
            int current = inFlight.get();
            if (current >= limit) {
                return false;
            }
            if (inFlight.compareAndSet(current, current + 1)) {
                return true;
            }
        }
    }

    void release() {
        inFlight.decrementAndGet();
    }

    int inFlight() {
        return inFlight.get();
    }
}
