package io.github.airbyteembedded.testkit;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts received calls by {@code "METHOD /path"}, exactly, under any concurrency. */
final class CallCounter {

    private final ConcurrentHashMap<String, AtomicInteger> counts = new ConcurrentHashMap<>();

    void record(String endpoint) {
        counts.computeIfAbsent(endpoint, key -> new AtomicInteger()).incrementAndGet();
    }

    int count(String endpoint) {
        AtomicInteger count = counts.get(endpoint);
        return count == null ? 0 : count.get();
    }

    /** A sorted, unmodifiable snapshot. */
    Map<String, Integer> snapshot() {
        TreeMap<String, Integer> result = new TreeMap<>();
        counts.forEach((endpoint, count) -> result.put(endpoint, count.get()));
        return Collections.unmodifiableMap(result);
    }

    void clear() {
        counts.clear();
    }
}
