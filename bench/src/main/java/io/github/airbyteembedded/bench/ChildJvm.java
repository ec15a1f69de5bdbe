package io.github.airbyteembedded.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A JVM the benchmark starts as a process of its own (the emulator, the sample app), so that its CPU
 * time is its own and is read from the OS ({@link ProcessCpu}). Its output goes to a log file; it is
 * stopped (and, if need be, killed) when closed, and when the benchmark's JVM exits.
 */
final class ChildJvm implements AutoCloseable {

    private final String name;
    private final Process process;
    private final Path log;
    private final List<String> command;

    private ChildJvm(String name, Process process, Path log, List<String> command) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.command = command;
    }

    /** Starts {@code java <jvmArgs> <arguments>} with this JVM's java, its output to {@code log}. */
    static ChildJvm start(String name, List<String> jvmArgs, List<String> arguments, Path log) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArgs);
        command.addAll(arguments);
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            ChildJvm jvm = new ChildJvm(name, process, log, command);
            Runtime.getRuntime().addShutdownHook(new Thread(jvm::close, "stop-" + name));
            return jvm;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name, e);
        }
    }

    String name() {
        return name;
    }

    long pid() {
        return process.pid();
    }

    Path log() {
        return log;
    }

    /** The command line, for the report. */
    List<String> command() {
        return command;
    }

    ProcessCpu.Sample cpu() {
        return ProcessCpu.of(process.pid());
    }

    /**
     * Waits until a line of the log matches {@code pattern} and returns its first group (or the whole
     * match); fails if the process ends first or nothing matches within {@code timeout}.
     */
    String awaitLog(Pattern pattern, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                    Matcher matcher = pattern.matcher(line);
                    if (matcher.find()) {
                        return matcher.groupCount() > 0 ? matcher.group(1) : matcher.group();
                    }
                }
            } catch (IOException | UncheckedIOException e) {
                // not written yet, or a partial line in another charset: read again
            }
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " ended (exit " + process.exitValue() + "); see " + log);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + " did not log " + pattern + " within " + timeout + "; see " + log);
            }
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
        }
    }

    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
