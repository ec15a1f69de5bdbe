package io.github.airbyteembedded.testkit.leaks;

import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test class when the leak scan finds, in what was captured up to its end, the client secret
 * or a token the emulator issued, naming the test that was running when it was printed. Registered for
 * every test class by JUnit Jupiter's extension auto-detection (the test-jar's {@code META-INF/services};
 * this build's surefire and failsafe turn the detection on); acts only in a run the {@link
 * LeakScanListener} watches.
 *
 * @since 0.2.0
 */
public final class LeakCheckExtension implements AfterAllCallback {

    /** Creates the extension; JUnit does, through its auto-detection. */
    public LeakCheckExtension() {
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (!LeakScanListener.watches(context.getUniqueId())) {
            return;
        }
        List<LeakScan.Hit> hits = LeakScan.scanPending();
        if (!hits.isEmpty()) {
            throw new AssertionError(LeakScan.message(hits));
        }
    }
}
