package io.github.airbyteembedded.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LifecycleTest {

    @Test
    void startsOnAFreeLoopbackPortByDefault() {
        try (AirbyteEmulator emulator = AirbyteEmulator.builder().build().start()) {
            assertEquals("127.0.0.1", emulator.baseUri().getHost());
            assertNotEquals(0, emulator.port());
            assertEquals("http://127.0.0.1:" + emulator.port(), emulator.baseUri().toString());
        }
    }

    @Test
    void refusesToStartTwiceOrAfterClose() {
        AirbyteEmulator emulator = AirbyteEmulator.builder().build().start();
        assertThrows(IllegalStateException.class, emulator::start);
        emulator.close();
        emulator.close();
        assertThrows(IllegalStateException.class, emulator::start);
    }

    @Test
    void hasNoBaseUriBeforeStart() {
        AirbyteEmulator emulator = AirbyteEmulator.builder().build();
        assertThrows(IllegalStateException.class, emulator::baseUri);
        emulator.close();
    }

    @Test
    void reportsABusyPortAsUncheckedIoException() {
        try (AirbyteEmulator first = AirbyteEmulator.builder().build().start()) {
            AirbyteEmulator second = AirbyteEmulator.builder().port(first.port()).build();
            assertThrows(UncheckedIOException.class, second::start);
        }
    }

    @Test
    void builderRejectsInvalidOptions() {
        assertThrows(IllegalArgumentException.class, () -> AirbyteEmulator.builder().port(70000));
        assertThrows(IllegalArgumentException.class, () -> AirbyteEmulator.builder().clientSecret(" "));
        assertThrows(IllegalArgumentException.class, () -> AirbyteEmulator.builder().operatorTokenLifetime(Duration.ZERO));
        assertThrows(NullPointerException.class, () -> AirbyteEmulator.builder().clock(null));
    }

    @Test
    void toStringNeverShowsTheSecret() {
        try (AirbyteEmulator emulator = AirbyteEmulator.builder().clientSecret("very-secret-value").build().start()) {
            assertFalse(emulator.toString().contains("very-secret-value"));
        }
    }

    @Test
    void commandLineStartsOnTheGivenPortAndPrintsUrlAndClientIdButNeverTheSecret() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (AirbyteEmulator emulator = AirbyteEmulatorMain.run(
                new String[] {"--port", "0", "--client-id", "cli-id"}, new PrintStream(bytes, true, StandardCharsets.UTF_8))) {
            String out = bytes.toString(StandardCharsets.UTF_8);
            assertTrue(out.contains(emulator.baseUri().toString()), out);
            assertTrue(out.contains("cli-id"), out);
            assertFalse(out.contains(AirbyteEmulator.DEFAULT_CLIENT_SECRET), out);
            assertTrue(out.contains("client_secret:   the default"), out);
            assertEquals("cli-id", emulator.clientId());
        }
    }

    @Test
    void commandLineRejectsUnknownOptions() {
        PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        assertThrows(IllegalArgumentException.class, () -> AirbyteEmulatorMain.run(new String[] {"--nope", "1"}, out));
        assertThrows(IllegalArgumentException.class, () -> AirbyteEmulatorMain.run(new String[] {"--port"}, out));
    }
}
