package io.github.airbyteembedded.servlet.internal.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

final class LatencyHistogramTest {

    @Test
    void emptyHistogramSummarisesToZeros() {
        LatencyHistogram.Summary summary = new LatencyHistogram().summary();
        assertEquals(0, summary.count());
        assertEquals(Duration.ZERO, summary.p99());
        assertEquals(Duration.ZERO, summary.mean());
    }

    @Test
    void percentilesAreUpperBoundsWithinTwentyPercentAndMeanAndMaxAreExact() {
        LatencyHistogram histogram = new LatencyHistogram();
        for (int millis = 1; millis <= 100; millis++) {
            histogram.record(Duration.ofMillis(millis));
        }
        LatencyHistogram.Summary summary = histogram.summary();
        assertEquals(100, summary.count());
        assertEquals(Duration.ofMillis(100), summary.max());
        assertEquals(Duration.ofNanos(50_500_000), summary.mean());
        assertWithin(Duration.ofMillis(50), summary.p50());
        assertWithin(Duration.ofMillis(90), summary.p90());
        assertWithin(Duration.ofMillis(99), summary.p99());
    }

    @Test
    void percentileNeverExceedsTheMaximum() {
        LatencyHistogram histogram = new LatencyHistogram();
        histogram.record(Duration.ofMillis(7));
        assertEquals(Duration.ofMillis(7), histogram.summary().p99());
    }

    private static void assertWithin(Duration expected, Duration actual) {
        assertTrue(actual.compareTo(expected) >= 0 && actual.toNanos() <= expected.toNanos() * 1.2,
                "expected about " + expected + " but was " + actual);
    }
}
