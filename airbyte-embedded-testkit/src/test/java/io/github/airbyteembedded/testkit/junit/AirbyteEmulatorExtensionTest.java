package io.github.airbyteembedded.testkit.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.github.airbyteembedded.testkit.AirbyteEmulator;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineTestKit;

class AirbyteEmulatorExtensionTest {

    static final List<AirbyteEmulator> SEEN = new CopyOnWriteArrayList<>();

    private static void run(Class<?> testClass, int tests) {
        SEEN.clear();
        EngineTestKit.engine("junit-jupiter").selectors(selectClass(testClass)).execute()
                .testEvents().assertStatistics(stats -> stats.started(tests).succeeded(tests));
    }

    private static boolean accepts(AirbyteEmulator emulator) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", emulator.port()), 2000);
            return true;
        } catch (ConnectException e) {
            return false;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void extendWithStartsOneEmulatorForTheClassInjectsItAndClosesItAfterwards() {
        run(PerClassSample.class, 2);
        assertEquals(3, SEEN.size());
        assertSame(SEEN.get(0), SEEN.get(1));
        assertSame(SEEN.get(1), SEEN.get(2));
        assertEquals(false, accepts(SEEN.get(0)));
    }

    @Test
    void perTestStartsAFreshEmulatorForEveryTest() {
        run(PerTestSample.class, 2);
        assertEquals(2, SEEN.size());
        assertNotSame(SEEN.get(0), SEEN.get(1));
        assertEquals(false, accepts(SEEN.get(0)));
        assertEquals(false, accepts(SEEN.get(1)));
    }

    @Test
    void configureAdjustsTheBuilderAndEmulatorGivesTheRunningOne() {
        run(ConfiguredSample.class, 1);
        assertEquals(1, SEEN.size());
        assertEquals(false, accepts(SEEN.get(0)));
    }

    @Test
    void aNonStaticFieldStartsAFreshEmulatorForEveryTest() {
        run(InstanceFieldSample.class, 2);
        assertEquals(2, SEEN.size());
        assertNotSame(SEEN.get(0), SEEN.get(1));
        assertEquals(false, accepts(SEEN.get(1)));
    }

    @Test
    void aTestWhoseCallsBreakTheContractFailsNamingTheOperationAndPointer() {
        var events = EngineTestKit.engine("junit-jupiter").selectors(selectClass(ContractSample.class)).execute().testEvents();

        events.assertStatistics(stats -> stats.started(2).succeeded(1).failed(1));
        Throwable failure = events.failed().stream().findFirst().orElseThrow()
                .getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow();
        assertTrue(failure.getMessage().contains("create_account_applications_token (POST /api/v1/account/applications/token) "
                + "/request/body/grant_type"), failure.getMessage());
    }

    @Test
    void emulatorOutsideATestIsAnError() {
        assertThrows(IllegalStateException.class, () -> AirbyteEmulatorExtension.perClass().emulator());
    }

    @ExtendWith(AirbyteEmulatorExtension.class)
    static class PerClassSample {
        @BeforeAll
        static void beforeAll(AirbyteEmulator emulator) {
            SEEN.add(emulator);
        }

        @Test
        void first(AirbyteEmulator emulator) {
            assertNotNull(emulator.baseUri());
            SEEN.add(emulator);
        }

        @Test
        void second(AirbyteEmulator emulator) {
            SEEN.add(emulator);
        }
    }

    static class PerTestSample {
        @RegisterExtension
        static AirbyteEmulatorExtension airbyte = AirbyteEmulatorExtension.perTest();

        @Test
        void first(AirbyteEmulator emulator) {
            assertSame(airbyte.emulator(), emulator);
            SEEN.add(emulator);
        }

        @Test
        void second(AirbyteEmulator emulator) {
            SEEN.add(emulator);
        }
    }

    static class InstanceFieldSample {
        @RegisterExtension
        AirbyteEmulatorExtension airbyte = new AirbyteEmulatorExtension();

        @Test
        void first(AirbyteEmulator emulator) {
            SEEN.add(emulator);
        }

        @Test
        void second(AirbyteEmulator emulator) {
            SEEN.add(emulator);
        }
    }

    @TestMethodOrder(MethodOrderer.MethodName.class)
    static class ContractSample {
        @RegisterExtension
        static AirbyteEmulatorExtension airbyte = AirbyteEmulatorExtension.perClass()
                .configure(builder -> builder.contractChecks(true));

        private static int post(String body) throws Exception {
            HttpRequest request = HttpRequest.newBuilder(URI.create(airbyte.emulator().baseUri()
                            + "/api/v1/account/applications/token"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
            return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        }

        @Test
        void a_breaksTheContract() throws Exception {
            assertEquals(422, post("{\"client_id\":\"a\",\"client_secret\":\"b\",\"grant_type\":\"c\"}"));
        }

        @Test
        void b_keepsIt() throws Exception {
            assertEquals(401, post("{\"client_id\":\"a\",\"client_secret\":\"b\"}"));
        }
    }

    static class ConfiguredSample {
        @RegisterExtension
        static AirbyteEmulatorExtension airbyte = AirbyteEmulatorExtension.perClass()
                .configure(builder -> builder.clientId("configured-id").widgetTokenLifetime(Duration.ofMinutes(1)));

        @Test
        void usesTheConfiguration() {
            assertEquals("configured-id", airbyte.emulator().clientId());
            SEEN.add(airbyte.emulator());
        }
    }
}
