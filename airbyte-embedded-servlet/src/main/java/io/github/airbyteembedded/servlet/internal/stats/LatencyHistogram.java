package io.github.airbyteembedded.servlet.internal.stats;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

/**
 * A lock-free histogram of durations with buckets growing by 20% from 100 µs to about 10 minutes,
 * for {@link io.github.airbyteembedded.servlet.LatencySummary}.
 */
public final class LatencyHistogram {

    /** What the histogram holds now: how many, their mean and maximum, and three percentiles (bucket bounds). */
    public record Summary(long count, Duration mean, Duration max, Duration p50, Duration p90, Duration p99) {
    }

    private static final double GROWTH = 1.2;
    private static final long FIRST_BOUND_NANOS = 100_000L;
    private static final long[] BOUNDS = bounds();

    private final AtomicLongArray buckets = new AtomicLongArray(BOUNDS.length + 1);
    private final LongAdder count = new LongAdder();
    private final LongAdder totalNanos = new LongAdder();
    private final LongAccumulator maxNanos = new LongAccumulator(Math::max, 0);

    private static long[] bounds() {
        int size = 0;
        double bound = FIRST_BOUND_NANOS;
        while (bound < Duration.ofMinutes(10).toNanos()) {
            bound *= GROWTH;
            size++;
        }
        long[] bounds = new long[size + 1];
        bound = FIRST_BOUND_NANOS;
        for (int i = 0; i < bounds.length; i++) {
            bounds[i] = (long) bound;
            bound *= GROWTH;
        }
        return bounds;
    }

    public void record(Duration duration) {
        long nanos = Math.max(0, duration.toNanos());
        int index = java.util.Arrays.binarySearch(BOUNDS, nanos);
        buckets.incrementAndGet(index >= 0 ? index : -index - 1);
        count.increment();
        totalNanos.add(nanos);
        maxNanos.accumulate(nanos);
    }

    public Summary summary() {
        long[] snapshot = new long[buckets.length()];
        long total = 0;
        for (int i = 0; i < snapshot.length; i++) {
            snapshot[i] = buckets.get(i);
            total += snapshot[i];
        }
        long max = maxNanos.get();
        Duration mean = total == 0 ? Duration.ZERO : Duration.ofNanos(totalNanos.sum() / Math.max(1, count.sum()));
        return new Summary(total, mean, Duration.ofNanos(max),
                percentile(snapshot, total, 0.50, max), percentile(snapshot, total, 0.90, max),
                percentile(snapshot, total, 0.99, max));
    }

    private static Duration percentile(long[] snapshot, long total, double quantile, long max) {
        if (total == 0) {
            return Duration.ZERO;
        }
        long rank = (long) Math.ceil(quantile * total);
        long seen = 0;
        for (int i = 0; i < snapshot.length; i++) {
            seen += snapshot[i];
            if (seen >= rank) {
                long bound = i < BOUNDS.length ? BOUNDS[i] : max;
                return Duration.ofNanos(Math.min(bound, max));
            }
        }
        return Duration.ofNanos(max);
    }
}
