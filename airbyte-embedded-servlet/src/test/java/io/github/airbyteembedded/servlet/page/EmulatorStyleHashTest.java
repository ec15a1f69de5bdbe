package io.github.airbyteembedded.servlet.page;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.github.airbyteembedded.servlet.WidgetScript;
import io.github.airbyteembedded.testkit.AirbyteEmulator;
import io.github.airbyteembedded.testkit.browser.LoopbackSite;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/**
 * The style hash of a widget script served by an emulator that the settings point at by hand
 * ({@code widget-cdn-base} at the emulator's {@code /npm}): the emulator's widget injects its own
 * style, so the vendor's 0.4.5 hash would make the browser block it.
 */
class EmulatorStyleHashTest {

    private static final String SCRIPT_PATH = "/npm/" + WidgetScript.PACKAGE_NAME + "@0.4.5/" + WidgetScript.FILE;

    @Test
    void aScriptServedByTheEmulatorGetsTheEmulatorsStyleHash() {
        try (AirbyteEmulator emulator = AirbyteEmulator.builder().build().start()) {
            WidgetScript script = WidgetScript.builder().cdnBase(emulator.baseUri() + "/npm").computeIntegrity().build();

            assertEquals("'" + AirbyteEmulator.widgetStyleCspHash() + "'", script.styleSource());
            assertFalse(script.styleHashMissing());
            assertEquals(script.styleSource(), script.toBuilder().build().styleSource(), "kept like a configured hash");
        }
    }

    @Test
    void aScriptServedByTheEmulatorGetsItsStyleHashWithoutComputedIntegrity() {
        try (AirbyteEmulator emulator = AirbyteEmulator.builder().build().start()) {
            WidgetScript script = WidgetScript.builder().cdnBase(emulator.baseUri() + "/npm").withoutIntegrity().build();

            assertEquals("'" + AirbyteEmulator.widgetStyleCspHash() + "'", script.styleSource());
        }
    }

    @Test
    void aConfiguredStyleHashWinsOverTheEmulators() {
        try (AirbyteEmulator emulator = AirbyteEmulator.builder().build().start()) {
            WidgetScript script = WidgetScript.builder().cdnBase(emulator.baseUri() + "/npm").styleHash("sha256-abc=").build();

            assertEquals("'sha256-abc='", script.styleSource());
        }
    }

    @Test
    void aLoopbackCopyThatIsNotAnEmulatorKeepsTheVendorsHash() {
        try (LoopbackSite site = LoopbackSite.builder().page(SCRIPT_PATH, "text/javascript", "/* a copy */").build().start()) {
            WidgetScript script = WidgetScript.builder().cdnBase(site.origin() + "/npm").computeIntegrity().build();

            assertEquals("'" + WidgetScript.VENDOR_0_4_5_STYLE_HASH + "'", script.styleSource());
        }
    }

    @Test
    void aLoopbackBaseWhereNothingListensKeepsTheVendorsHash() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        WidgetScript script = WidgetScript.builder().cdnBase("http://127.0.0.1:" + port + "/npm").build();

        assertEquals("'" + WidgetScript.VENDOR_0_4_5_STYLE_HASH + "'", script.styleSource());
    }
}
