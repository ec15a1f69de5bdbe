package io.github.airbyteembedded.servlet.internal.pipeline;

import java.util.concurrent.atomic.AtomicInteger;

/** The {@link Admission} of a fixed bound on the calls in flight: take a permit or be refused at once. */
public final class UpstreamPermits implements Admission {

    private final int limit;
    private final AtomicInteger inFlight = new AtomicInteger();

    public UpstreamPermits(int limit) {
        this.limit = limit;
    }

    @Override
    public boolean tryAcquire() {
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

    @Override
    public void release() {
        inFlight.decrementAndGet();
    }

    @Override
    public int inFlight() {
        return inFlight.get();
    }
}
