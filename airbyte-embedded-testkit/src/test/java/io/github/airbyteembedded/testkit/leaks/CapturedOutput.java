package io.github.airbyteembedded.testkit.leaks;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Everything a test run printed or answered, for the leak scan: the log records of the library, the
 * testkit and the applications (every logger under {@code io.github.airbyteembedded}, at every level),
 * the console (the Spring applications' logs, the JDK's), the routes' error bodies and the failures of
 * tests, each piece tagged with the test that was running. The {@link LeakScanListener} installs the
 * capture when a test run starts; other test support adds what it sees with {@link #add(String,
 * String)}.
 *
 * @since 0.2.0
 */
public final class CapturedOutput {

    /** Loggers whose records are captured at every level; records of others reach the console. */
    static final String LOGGER = "io.github.airbyteembedded";

    /** What was captured while no test was running. */
    static final String OUTSIDE_TESTS = "(between tests)";

    /** A piece of output: the test running when it was captured, where it came from, and the text. */
    public record Chunk(String test, String source, String text) {
    }

    private static final Object LOCK = new Object();
    private static final List<Chunk> PENDING = new ArrayList<>();
    private static final List<String> RUNNING = new ArrayList<>();
    private static final ByteArrayOutputStream CONSOLE = new ByteArrayOutputStream();
    private static final Set<String> ISSUED_ELSEWHERE = ConcurrentHashMap.newKeySet();

    private static PrintStream originalOut;
    private static PrintStream originalErr;
    private static Logger logger;
    private static Level originalLevel;
    private static final Handler HANDLER = new CapturingHandler();

    private CapturedOutput() {
    }

    /**
     * Adds text that the scan must see (an error body, a message a test produced), tagged with the
     * test running now. Does nothing while no test run captures.
     *
     * @param source where the text comes from, for the report, such as {@code "error body"}
     * @param text the text
     */
    public static void add(String source, String text) {
        Objects.requireNonNull(source, "source");
        if (text == null || text.isEmpty()) {
            return;
        }
        synchronized (LOCK) {
            if (originalOut != null) {
                PENDING.add(new Chunk(current(), source, text));
            }
        }
    }

    /**
     * Adds secrets that an emulator in another process issued (a standalone emulator's {@code GET
     * /_emulator/issued-secrets}) to what the scan looks for; this JVM's emulators report their own.
     *
     * @param secrets the client secret and tokens of that emulator
     */
    public static void lookFor(Collection<String> secrets) {
        ISSUED_ELSEWHERE.addAll(secrets);
    }

    /** What {@link #lookFor} added. */
    static Set<String> issuedElsewhere() {
        return Set.copyOf(ISSUED_ELSEWHERE);
    }

    /**
     * Whether a test run captures output now ({@link LeakScanListener} is active).
     *
     * @return true between the start and the end of a test run
     */
    public static boolean isCapturing() {
        synchronized (LOCK) {
            return originalOut != null;
        }
    }

    /**
     * What was captured and not yet scanned, console output included, without taking it: for a test
     * that checks its output reaches the scan.
     *
     * @return the pieces, oldest first
     */
    public static List<Chunk> pending() {
        synchronized (LOCK) {
            flushConsole();
            return List.copyOf(PENDING);
        }
    }

    /**
     * Takes what was captured since the last call, console output included.
     *
     * @return the pieces, oldest first
     */
    public static List<Chunk> drain() {
        synchronized (LOCK) {
            flushConsole();
            List<Chunk> drained = List.copyOf(PENDING);
            PENDING.clear();
            return drained;
        }
    }

    /** Starts capturing: a log handler, the console tee'd. */
    static void install() {
        synchronized (LOCK) {
            if (originalOut != null) {
                return;
            }
            originalOut = System.out;
            originalErr = System.err;
            System.setOut(new PrintStream(new Tee(originalOut), true, Charset.defaultCharset()));
            System.setErr(new PrintStream(new Tee(originalErr), true, Charset.defaultCharset()));
            logger = Logger.getLogger(LOGGER); // held: a logger's level lives as long as the logger
            originalLevel = logger.getLevel();
            logger.setLevel(Level.ALL);
            logger.addHandler(HANDLER);
        }
    }

    /** Stops capturing and restores the console and the log level. */
    static void uninstall() {
        synchronized (LOCK) {
            if (originalOut == null) {
                return;
            }
            flushConsole();
            System.setOut(originalOut);
            System.setErr(originalErr);
            logger.removeHandler(HANDLER);
            logger.setLevel(originalLevel);
            originalOut = null;
            originalErr = null;
        }
    }

    /** The console as it was before the capture, for the scan's own report. */
    static PrintStream console() {
        synchronized (LOCK) {
            return originalOut != null ? originalOut : System.out;
        }
    }

    /** A test (or a container of tests) starts: what follows is tagged with it. */
    static void enter(String test) {
        synchronized (LOCK) {
            flushConsole();
            RUNNING.add(test);
        }
    }

    /** The test that {@link #enter} named ends. */
    static void leave(String test) {
        synchronized (LOCK) {
            flushConsole();
            RUNNING.remove(test);
        }
    }

    private static String current() {
        return RUNNING.isEmpty() ? OUTSIDE_TESTS : RUNNING.get(RUNNING.size() - 1);
    }

    private static void flushConsole() {
        if (CONSOLE.size() > 0) {
            PENDING.add(new Chunk(current(), "console", CONSOLE.toString(Charset.defaultCharset())));
            CONSOLE.reset();
        }
    }

    /** The text of a failure: its messages, its causes' and its stack trace, as a report would print them. */
    static String describe(Throwable failure) {
        StringWriter trace = new StringWriter();
        failure.printStackTrace(new PrintWriter(trace));
        return trace.toString();
    }

    /** Writes to the console as before, and keeps a copy. */
    private static final class Tee extends OutputStream {

        private final OutputStream console;

        Tee(OutputStream console) {
            this.console = console;
        }

        @Override
        public void write(int b) throws IOException {
            console.write(b);
            synchronized (LOCK) {
                CONSOLE.write(b);
            }
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            console.write(bytes, offset, length);
            synchronized (LOCK) {
                CONSOLE.write(bytes, offset, length);
            }
        }

        @Override
        public void flush() throws IOException {
            console.flush();
        }
    }

    /** Keeps each log record as text: the formatted message, the raw one, every parameter, and the stack trace. */
    private static final class CapturingHandler extends Handler {

        private final Formatter formatter = new Formatter() {
            @Override
            public String format(LogRecord record) {
                return formatMessage(record);
            }
        };

        CapturingHandler() {
            setLevel(Level.ALL);
        }

        @Override
        public void publish(LogRecord record) {
            StringBuilder text = new StringBuilder(formatter.format(record));
            text.append('\n').append(record.getMessage());
            if (record.getParameters() != null) {
                for (Object parameter : record.getParameters()) {
                    text.append('\n').append(parameter);
                }
            }
            if (record.getThrown() != null) {
                text.append('\n').append(describe(record.getThrown()));
            }
            add("log " + record.getLevel() + " " + record.getLoggerName(), text.toString());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
