package io.github.airbyteembedded.testkit.leaks;

import io.github.airbyteembedded.testkit.AirbyteEmulator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * The leak scanner of every test run of the modules that use the testkit's test-jar (registered in its
 * {@code META-INF/services}, on when the configuration parameter {@value #ENABLED} is true): when the run
 * starts, the emulators of the JVM start recording what they
 * issue ({@link AirbyteEmulator#RECORD_ISSUED_SECRETS}) and {@link CapturedOutput} starts capturing,
 * each piece tagged with the running test; each test's failure is captured too. {@link
 * LeakCheckExtension} scans after each test class and fails it on a hit; at the end of the run the rest
 * is scanned, and the totals are printed and appended to {@code target/leak-scan.txt}.
 *
 * @since 0.2.0
 */
public final class LeakScanListener implements TestExecutionListener {

    /**
     * The JUnit configuration parameter that turns the scanner on: {@value}. This build's surefire and
     * failsafe set it (with {@code junit.jupiter.extensions.autodetection.enabled}, for {@link
     * LeakCheckExtension}); without it the listener does nothing, so the test-jar changes nothing for
     * other projects' tests.
     */
    public static final String ENABLED = "io.github.airbyteembedded.leakScan.enabled";

    /** The file, under the module's directory, that each test run appends its totals to. */
    static final Path REPORT = Path.of("target", "leak-scan.txt");

    /** Classes (and containers) of this run, so that the check runs for them only, not for nested engine runs. */
    private static final Set<String> STARTED = ConcurrentHashMap.newKeySet();

    private boolean active;

    /** Creates the listener; the JUnit Platform does, through {@code META-INF/services}. */
    public LeakScanListener() {
    }

    /** Whether a container of this id was started by the run the listener watches. */
    static boolean watches(String uniqueId) {
        return STARTED.contains(uniqueId);
    }

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        active = testPlan.getConfigurationParameters().getBoolean(ENABLED).orElse(false);
        if (active) {
            System.setProperty(AirbyteEmulator.RECORD_ISSUED_SECRETS, "true");
            CapturedOutput.install();
        }
    }

    @Override
    public void executionStarted(TestIdentifier test) {
        if (active) {
            STARTED.add(test.getUniqueId());
            CapturedOutput.enter(name(test));
        }
    }

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        if (active) {
            result.getThrowable().ifPresent(failure -> CapturedOutput.add("failure", CapturedOutput.describe(failure)));
            CapturedOutput.leave(name(test));
        }
    }

    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        if (!active) {
            return;
        }
        active = false;
        List<LeakScan.Hit> late = LeakScan.scanPending();
        CapturedOutput.uninstall();
        String summary = LeakScan.summary();
        System.out.println("[leak-scan] " + summary);
        if (!late.isEmpty()) {
            System.out.println("[leak-scan] " + LeakScan.message(late));
        }
        try {
            Files.createDirectories(REPORT.getParent());
            Files.writeString(REPORT, summary + System.lineSeparator(), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            System.out.println("[leak-scan] could not write " + REPORT.toAbsolutePath() + ": " + e);
        }
    }

    /** {@code Class.method [invocation]}, or the class, or the display name. */
    static String name(TestIdentifier test) {
        TestSource source = test.getSource().orElse(null);
        if (source instanceof MethodSource method) {
            String name = simple(method.getClassName()) + "." + method.getMethodName();
            return test.getDisplayName().startsWith("[") ? name + " " + test.getDisplayName() : name;
        }
        if (source instanceof ClassSource type) {
            return simple(type.getClassName());
        }
        return test.getDisplayName();
    }

    private static String simple(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }
}
