package io.github.airbyteembedded.examples.legacywar.containers;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/** Prints the output of the test's processes (containers, emulator) when a test fails; it is also kept in target/container-logs. */
final class PrintLogsOnFailure implements TestWatcher {

    private final Supplier<List<ContainerProcess>> processes;

    PrintLogsOnFailure(Supplier<List<ContainerProcess>> processes) {
        this.processes = processes;
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        for (ContainerProcess process : processes.get()) {
            if (process != null) {
                System.out.println("---- output of " + process.name() + " (" + process.log() + ") ----");
                System.out.println(process.output());
            }
        }
    }

    @Override
    public void testAborted(ExtensionContext context, Throwable cause) {
    }

    @Override
    public void testDisabled(ExtensionContext context, Optional<String> reason) {
    }
}
