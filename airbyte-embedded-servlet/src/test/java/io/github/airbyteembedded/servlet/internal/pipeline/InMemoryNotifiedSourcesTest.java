package io.github.airbyteembedded.servlet.internal.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

final class InMemoryNotifiedSourcesTest {

    @Test
    void marksEachWorkspaceAndSourcePairOnce() {
        InMemoryNotifiedSources notified = new InMemoryNotifiedSources(100);
        assertTrue(notified.markNotified("alice", "s1"));
        assertFalse(notified.markNotified("alice", "s1"));
        assertTrue(notified.markNotified("bob", "s1"), "another workspace");
        assertTrue(notified.markNotified("alice", "s2"), "another source");
    }

    @Test
    void concurrentReportsOfOnePairMarkItOnce() {
        InMemoryNotifiedSources notified = new InMemoryNotifiedSources(100);
        AtomicInteger first = new AtomicInteger();
        CompletableFuture.allOf(IntStream.range(0, 32).mapToObj(i -> CompletableFuture.runAsync(() -> {
            if (notified.markNotified("alice", "s1")) {
                first.incrementAndGet();
            }
        })).toArray(CompletableFuture[]::new)).join();
        assertEquals(1, first.get());
    }

    @Test
    void memoryIsBounded() {
        InMemoryNotifiedSources notified = new InMemoryNotifiedSources(50);
        for (int i = 0; i < 5_000; i++) {
            notified.markNotified("user-" + i, "source-" + i);
        }
        assertTrue(notified.remembered() <= 50, Long.toString(notified.remembered()));
    }
}
