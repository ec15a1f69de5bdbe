package io.github.airbyteembedded.bench;

import io.github.airbyteembedded.servlet.AirbyteEmbeddedConfig;
import io.github.airbyteembedded.testkit.AirbyteEmulator;
import io.github.airbyteembedded.testkit.Fault;
import java.time.Duration;

/** The emulator as every scenario's upstream, with the two calls the token route makes. */
final class Upstream implements AutoCloseable {

    static final String TOKEN_CALL = "POST /api/v1/account/applications/token";
    static final String WIDGET_CALL = "POST /api/v1/account/applications/widget-token";
    static final String ORIGIN = "http://localhost:8080";

    private final AirbyteEmulator emulator = AirbyteEmulator.builder().build().start();

    AirbyteEmulator emulator() {
        return emulator;
    }

    /** Adds the same latency to both calls (the operator-token call and the widget-token call). */
    void delayBothCalls(Duration latency) {
        if (!latency.isZero()) {
            emulator.faults().add(Fault.delay(TOKEN_CALL, latency));
            emulator.faults().add(Fault.delay(WIDGET_CALL, latency));
        }
    }

    /** Makes both calls hang until {@link #release()}. */
    void hangBothCalls() {
        emulator.faults().add(Fault.hang(TOKEN_CALL));
        emulator.faults().add(Fault.hang(WIDGET_CALL));
    }

    /** Removes every fault; held calls are released by dropping their connection. */
    void release() {
        emulator.faults().clear();
    }

    /** Counts of both calls so far. */
    Calls calls() {
        return new Calls(emulator.callCount(TOKEN_CALL), emulator.callCount(WIDGET_CALL));
    }

    /** Our configuration against the emulator, with the library's defaults for everything else. */
    AirbyteEmbeddedConfig.Builder ourConfig() {
        return AirbyteEmbeddedConfig.builder()
                .apiBaseUri(emulator.baseUri())
                .clientId(AirbyteEmulator.DEFAULT_CLIENT_ID)
                .clientSecret(AirbyteEmulator.DEFAULT_CLIENT_SECRET)
                .allowedOrigin(ORIGIN);
    }

    /** The baseline servlet against the emulator, with the library's default timeouts unless given. */
    BaselineTokenServlet baselineServlet(Duration requestTimeout) {
        return new BaselineTokenServlet(emulator.baseUri(), AirbyteEmulator.DEFAULT_CLIENT_ID,
                AirbyteEmulator.DEFAULT_CLIENT_SECRET, ORIGIN, AirbyteEmbeddedConfig.DEFAULT_CONNECT_TIMEOUT, requestTimeout);
    }

    /** The seed-style baseline servlet against the emulator, with the library's default timeouts unless given. */
    SeedStyleTokenServlet seedStyleServlet(Duration requestTimeout) {
        return new SeedStyleTokenServlet(emulator.baseUri(), AirbyteEmulator.DEFAULT_CLIENT_ID,
                AirbyteEmulator.DEFAULT_CLIENT_SECRET, ORIGIN, AirbyteEmbeddedConfig.DEFAULT_CONNECT_TIMEOUT, requestTimeout);
    }

    @Override
    public void close() {
        emulator.close();
    }

    /** Call counts of the operator-token and widget-token endpoints. */
    record Calls(int token, int widget) {
        Calls minus(Calls before) {
            return new Calls(token - before.token, widget - before.widget);
        }

        int total() {
            return token + widget;
        }
    }
}
