package io.github.airbyteembedded.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

class ConcurrencyTest {

    @Test
    void countsEveryOneOfAHundredConcurrentCallsExactly() throws Exception {
        try (AirbyteEmulator emulator = AirbyteEmulator.builder().build().start()) {
            ExecutorService pool = Executors.newFixedThreadPool(32);
            CountDownLatch go = new CountDownLatch(1);
            List<CompletableFuture<Integer>> results = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                results.add(CompletableFuture.supplyAsync(() -> {
                    await(go);
                    return TestHttp.post(emulator, "/api/v1/account/applications/token", TestHttp.json(Map.of(
                            "client_id", AirbyteEmulator.DEFAULT_CLIENT_ID,
                            "client_secret", AirbyteEmulator.DEFAULT_CLIENT_SECRET))).status();
                }, pool));
            }
            go.countDown();
            for (CompletableFuture<Integer> result : results) {
                assertEquals(200, result.get());
            }
            pool.shutdown();
            assertEquals(100, emulator.callCount("POST /api/v1/account/applications/token"));
        }
    }

    @Test
    void concurrentWidgetTokensForOneNameShareOneWorkspace() throws Exception {
        try (AirbyteEmulator emulator = AirbyteEmulator.builder().build().start()) {
            String operatorToken = TestHttp.operatorToken(emulator);
            ExecutorService pool = Executors.newFixedThreadPool(16);
            CountDownLatch go = new CountDownLatch(1);
            List<CompletableFuture<WidgetToken>> results = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                results.add(CompletableFuture.supplyAsync(() -> {
                    await(go);
                    return WidgetToken.decode(TestHttp.widgetToken(emulator, operatorToken,
                            Map.of("workspace_name", "shared", "allowed_origin", "http://localhost:8080")));
                }, pool));
            }
            go.countDown();
            List<WidgetToken> tokens = new ArrayList<>();
            for (CompletableFuture<WidgetToken> result : results) {
                tokens.add(result.get());
            }
            for (WidgetToken token : tokens) {
                assertEquals(emulator.workspace("shared").orElseThrow().id(), token.workspaceId());
            }
            pool.shutdown();
            assertEquals(1, emulator.workspaces().size());
            assertEquals(40, emulator.callCount("POST /api/v1/account/applications/widget-token"));
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
