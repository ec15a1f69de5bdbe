package io.github.airbyteembedded.bench;

import java.util.Arrays;

/** Latency samples in nanoseconds, recorded from any thread; percentiles by sorting (exact). */
final class Latencies {

    private long[] samples = new long[1024];
    private int size;

    synchronized void record(long nanos) {
        if (size == samples.length) {
            samples = Arrays.copyOf(samples, size * 2);
        }
        samples[size++] = nanos;
    }

    /** Adds every sample of {@code other} to this one. */
    void addAll(Latencies other) {
        long[] copy;
        int count;
        synchronized (other) {
            copy = Arrays.copyOf(other.samples, other.size);
            count = other.size;
        }
        for (int i = 0; i < count; i++) {
            record(copy[i]);
        }
    }

    synchronized int count() {
        return size;
    }

    /** The {@code p}-th percentile (0 &lt; p &le; 100) in milliseconds, nearest-rank; NaN when empty. */
    synchronized double percentileMillis(double p) {
        if (size == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(samples, size);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * size);
        return sorted[Math.max(0, Math.min(size, rank) - 1)] / 1e6;
    }

    synchronized double maxMillis() {
        long max = 0;
        for (int i = 0; i < size; i++) {
            max = Math.max(max, samples[i]);
        }
        return size == 0 ? Double.NaN : max / 1e6;
    }
}
