package io.github.airbyteembedded.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What one measured run saw: successes and their latencies within the measured window, every other
 * outcome by kind, and the totals over the whole run (warm-up included).
 */
final class RunResult {

    private final Latencies okLatencies = new Latencies();
    private final Map<String, Long> failures = new TreeMap<>();
    private final double measuredSeconds;
    private long totalOk;
    private long totalRequests;

    RunResult(double measuredSeconds) {
        this.measuredSeconds = measuredSeconds;
    }

    void recordMeasured(String outcome, long nanos) {
        if (Outcomes.OK.equals(outcome)) {
            okLatencies.record(nanos);
        } else {
            synchronized (failures) {
                failures.merge(outcome, 1L, Long::sum);
            }
        }
    }

    synchronized void recordTotal(String outcome) {
        totalRequests++;
        if (Outcomes.OK.equals(outcome)) {
            totalOk++;
        }
    }

    /** The latencies of the successes within the measured window. */
    Latencies okLatencies() {
        return okLatencies;
    }

    long ok() {
        return okLatencies.count();
    }

    double okPerSecond() {
        return ok() / measuredSeconds;
    }

    double p50() {
        return okLatencies.percentileMillis(50);
    }

    double p99() {
        return okLatencies.percentileMillis(99);
    }

    double max() {
        return okLatencies.maxMillis();
    }

    long failed() {
        synchronized (failures) {
            return failures.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** Failures by kind, e.g. {@code "503 x12, timeout x3"}, or {@code "-"}. */
    String failureSummary() {
        synchronized (failures) {
            return failures.isEmpty() ? "-" : failures.entrySet().stream()
                    .map(entry -> entry.getKey() + " x" + entry.getValue())
                    .collect(Collectors.joining(", "));
        }
    }

    synchronized long totalOk() {
        return totalOk;
    }

    synchronized long totalRequests() {
        return totalRequests;
    }
}
