package io.github.airbyteembedded.examples.legacywar.containers;

import io.github.airbyteembedded.testkit.leaks.CapturedOutput;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * A Java process started for a test (a container, the emulator): its output (stdout and stderr) goes
 * line by line to a log file under {@code target/container-logs} and to the leak scan ({@link
 * CapturedOutput}), and a test can wait for a line. It is
 * always stopped: by {@link #close()}, and by a shutdown hook if the test JVM exits first.
 */
final class ContainerProcess implements AutoCloseable {

    private record Waiter(Predicate<String> line, CompletableFuture<String> found) {
    }

    private final String name;
    private final Process process;
    private final Path log;
    private final Predicate<String> scanned;
    private final Thread shutdownHook;
    private final List<Waiter> waiters = new CopyOnWriteArrayList<>();
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Void> ended = new CompletableFuture<>();

    private ContainerProcess(String name, Process process, Path log, Predicate<String> scanned) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.scanned = scanned;
        this.shutdownHook = new Thread(process::destroyForcibly, "stop-" + name);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        Thread pump = new Thread(this::pump, "log-" + name);
        pump.setDaemon(true);
        pump.start();
    }

    /** Starts {@code java <arguments>} with the test JVM's java, in a directory, with extra environment variables. */
    static ContainerProcess startJava(String name, Path directory, Map<String, String> environment, List<String> arguments) {
        return startJava(name, directory, environment, arguments, line -> true);
    }

    /** As {@link #startJava(String, Path, Map, List)}, the leak scan reading only the lines {@code scanned} accepts. */
    static ContainerProcess startJava(String name, Path directory, Map<String, String> environment, List<String> arguments,
            Predicate<String> scanned) {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new java.util.ArrayList<>();
        command.add(java.toString());
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        builder.environment().putAll(environment);
        try {
            Path logs = Files.createDirectories(Path.of(System.getProperty("logs.directory", "target/container-logs")));
            Path log = logs.resolve(name + ".log");
            return new ContainerProcess(name, builder.start(), log, scanned);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name, e);
        }
    }

    private void pump() {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                Writer file = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                file.write(line);
                file.write('\n');
                file.flush();
                lines.add(line);
                if (scanned.test(line)) {
                    CapturedOutput.add("output of " + name, line);
                }
                for (Waiter waiter : waiters) {
                    if (waiter.line().test(line)) {
                        waiter.found().complete(line);
                    }
                }
            }
        } catch (IOException e) {
            // the process ended
        } finally {
            ended.complete(null);
            waiters.forEach(waiter -> waiter.found().completeExceptionally(
                    new IllegalStateException(name + " ended before printing the awaited line; see " + log)));
        }
    }

    /**
     * Waits for the first line (printed so far or later) that matches.
     *
     * @return the line
     * @throws AssertionError if the process ends first or the time runs out; the log is in the message
     */
    String awaitLine(Predicate<String> line, Duration timeout) {
        CompletableFuture<String> found = new CompletableFuture<>();
        waiters.add(new Waiter(line, found));
        lines.stream().filter(line).findFirst().ifPresent(found::complete);
        if (ended.isDone() && !found.isDone()) {
            found.completeExceptionally(new IllegalStateException(name + " has ended"));
        }
        try {
            return found.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for " + name, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError(name + " did not print the awaited line within " + timeout + ":\n" + output(), e);
        }
    }

    /** Everything the process printed so far. */
    String output() {
        return String.join("\n", lines);
    }

    /** Whether a line printed so far matches. */
    boolean printed(Predicate<String> line) {
        return lines.stream().anyMatch(line);
    }

    Path log() {
        return log;
    }

    String name() {
        return name;
    }

    /** Stops the process (gently, then forcibly after 20 s) and waits for its output to be written. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            ended.get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        } catch (ExecutionException | TimeoutException e) {
            process.destroyForcibly();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down: the hook runs
            }
        }
    }
}
