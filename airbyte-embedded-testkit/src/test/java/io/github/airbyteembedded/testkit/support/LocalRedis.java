package io.github.airbyteembedded.testkit.support;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Assumptions;

/**
 * A real Redis for tests: Debian's {@code redis-server}, started as a process of its own on a free
 * loopback port, without persistence ({@code --save '' --appendonly no}), and killed by {@link #close()}
 * (or, should the test JVM end first, by a shutdown hook). {@link #stop()} and {@link #restart()} take it
 * away and bring it back on the same port, for outage tests. Never leaves a process behind.
 *
 * <p>{@code redis-server} is looked up in the system property {@code redis-server.path}, the environment
 * variable {@code REDIS_SERVER_PATH}, then on the {@code PATH} and in {@code /usr/bin}; {@code
 * scripts/ensure-redis} installs it. Without it, {@link #start()} fails the test when the environment
 * variable {@code CI} is {@code true} and skips it elsewhere.
 *
 * <pre>{@code
 * try (LocalRedis redis = LocalRedis.start()) {
 *     String uri = redis.uri();                        // redis://127.0.0.1:<port>
 *     redis.command("INFO", "commandstats");
 * }
 * }</pre>
 *
 * @since 0.2.0
 */
public final class LocalRedis implements AutoCloseable {

    private static final String READY = "Ready to accept connections";
    private static final long START_TIMEOUT_SECONDS = 20;

    private final Path executable;
    private final Path directory;
    private final int port;
    private final Thread shutdownHook;
    private Process process;

    private LocalRedis(Path executable, Path directory, int port) {
        this.executable = executable;
        this.directory = directory;
        this.port = port;
        this.shutdownHook = new Thread(this::kill, "local-redis-" + port + "-shutdown");
    }

    /**
     * Starts a Redis on a free loopback port and waits until it accepts connections.
     *
     * @return the running Redis
     */
    public static LocalRedis start() {
        Path executable = locate().orElse(null);
        if (executable == null) {
            String message = "redis-server is not installed; run scripts/ensure-redis (or apt-get install -y redis-server)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new AssertionError(message);
            }
            Assumptions.abort(message);
        }
        IOException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                LocalRedis redis = new LocalRedis(executable, Files.createTempDirectory("local-redis"), freePort());
                Runtime.getRuntime().addShutdownHook(redis.shutdownHook);
                try {
                    redis.launch();
                    return redis;
                } catch (IOException | RuntimeException e) {
                    redis.close();
                    throw e;
                }
            } catch (IOException e) {
                last = e; // most likely the port was taken between choosing and binding it
            }
        }
        throw new UncheckedIOException("redis-server did not start", last);
    }

    /** The {@code redis-server} executable, if one is installed. */
    public static Optional<Path> locate() {
        List<String> candidates = new ArrayList<>();
        Optional.ofNullable(System.getProperty("redis-server.path")).ifPresent(candidates::add);
        Optional.ofNullable(System.getenv("REDIS_SERVER_PATH")).ifPresent(candidates::add);
        for (String directory : Optional.ofNullable(System.getenv("PATH")).orElse("").split(File.pathSeparator)) {
            if (!directory.isEmpty()) {
                candidates.add(Path.of(directory, "redis-server").toString());
            }
        }
        candidates.add("/usr/bin/redis-server");
        return candidates.stream().map(Path::of).filter(Files::isRegularFile).filter(Files::isExecutable).findFirst();
    }

    /** The port it listens on, on 127.0.0.1. */
    public int port() {
        return port;
    }

    /** Its URI, {@code redis://127.0.0.1:<port>}. */
    public String uri() {
        return "redis://127.0.0.1:" + port;
    }

    /** Whether the process runs. */
    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Kills the process and waits for it to end; the port stays this Redis's for {@link #restart()}. */
    public synchronized void stop() {
        kill();
    }

    /** Starts the process again on the same port, empty, and waits until it accepts connections. */
    public synchronized void restart() {
        if (isRunning()) {
            throw new IllegalStateException("Redis is running");
        }
        try {
            launch();
        } catch (IOException e) {
            throw new UncheckedIOException("redis-server did not start again on port " + port, e);
        }
    }

    /**
     * Sends one command and returns its reply as text: a status or bulk string as it is, an integer in
     * decimal, an error as {@code -ERR ...}; for example {@code command("INFO", "commandstats")}.
     */
    public String command(String... arguments) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2_000);
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            StringBuilder request = new StringBuilder("*").append(arguments.length).append("\r\n");
            for (String argument : arguments) {
                request.append('$').append(argument.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(argument).append("\r\n");
            }
            out.write(request.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            return reply(socket.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException("Redis on port " + port + " did not answer " + arguments[0], e);
        }
    }

    /** Kills the process and deletes its directory. */
    @Override
    public synchronized void close() {
        kill();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook runs or ran
        }
        try (var files = Files.walk(directory)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind is harmless
        }
    }

    @Override
    public String toString() {
        return "LocalRedis{" + uri() + (isRunning() ? ", running" : ", stopped") + "}";
    }

    private void launch() throws IOException {
        ProcessBuilder builder = new ProcessBuilder(executable.toString(), "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--protected-mode", "yes", "--daemonize", "no", "--dir", directory.toString(),
                "--loglevel", "notice").redirectErrorStream(true);
        Process started = builder.start();
        process = started;
        CompletableFuture<Void> ready = new CompletableFuture<>();
        StringBuilder output = new StringBuilder();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(started.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    if (!ready.isDone()) {
                        synchronized (output) {
                            output.append(line).append('\n');
                        }
                        if (line.contains(READY)) {
                            ready.complete(null);
                        }
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
            ready.completeExceptionally(new IOException("redis-server ended before it was ready"));
        }, "local-redis-" + port + "-output");
        reader.setDaemon(true);
        reader.start();
        try {
            ready.get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            kill();
            synchronized (output) {
                throw new IOException("redis-server did not become ready on port " + port + ":\n" + output, e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
            throw new IOException("interrupted while starting redis-server", e);
        }
    }

    private synchronized void kill() {
        Process running = process;
        if (running == null) {
            return;
        }
        running.destroyForcibly();
        try {
            running.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    private static String reply(InputStream in) throws IOException {
        String line = line(in);
        char type = line.charAt(0);
        String rest = line.substring(1);
        if (type == '$') {
            int length = Integer.parseInt(rest);
            if (length < 0) {
                return null;
            }
            byte[] bytes = in.readNBytes(length + 2);
            return new String(bytes, 0, length, StandardCharsets.UTF_8);
        }
        if (type == '*') {
            int count = Integer.parseInt(rest);
            List<String> items = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                items.add(reply(in));
            }
            return String.join("\n", items);
        }
        return type == '-' ? line : rest;
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\r') {
                in.read();
                break;
            }
            line.append((char) c);
        }
        if (c == -1 && line.length() == 0) {
            throw new IOException("Redis closed the connection");
        }
        return line.toString();
    }
}
