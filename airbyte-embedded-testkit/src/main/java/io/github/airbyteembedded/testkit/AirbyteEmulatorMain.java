package io.github.airbyteembedded.testkit;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the emulator from the command line until the process is stopped (Ctrl-C).
 *
 * <pre>
 * java -jar airbyte-embedded-testkit-0.1.0-standalone.jar --port 8181
 * </pre>
 *
 * <p>Options: {@code --port N} (default 8181; 0 for any free port), {@code --widget-page-port N} (the widget
 * page's origin; default any free port), {@code --host ADDRESS} (default
 * 127.0.0.1), {@code --client-id}, {@code --client-secret}, {@code --organization-id UUID},
 * {@code --operator-token-lifetime SECONDS}, {@code --widget-token-lifetime SECONDS},
 * {@code --event-family source|partial_user_config}, {@code --templates FILE.json} (source templates in
 * the spec's {@code DetailedSourceTemplate} shape, replacing the defaults), {@code --contract-checks
 * true|false} (see {@link AirbyteEmulator.Builder#contractChecks(boolean)}; the violations are at {@code GET
 * /_emulator/contract-violations}), {@code --unknown-workspace-list empty|not-found|unprocessable},
 * {@code --asynchronous-deletes SECONDS}, {@code --help}. It prints the
 * base URL and the credentials to use; that is the only output of the emulator itself.
 *
 * @since 0.1.0
 */
public final class AirbyteEmulatorMain {

    /** The port the standalone emulator listens on unless {@code --port} says otherwise. */
    public static final int DEFAULT_PORT = 8181;

    private AirbyteEmulatorMain() {
    }

    /**
     * Starts the emulator and blocks until the JVM shuts down.
     *
     * @param args the command-line options described in the class documentation
     * @throws InterruptedException if the main thread is interrupted while waiting
     */
    public static void main(String[] args) throws InterruptedException {
        AirbyteEmulator emulator;
        try {
            emulator = run(args, System.out);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println(usage());
            System.exit(2);
            return;
        }
        if (emulator == null) {
            return; // --help
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            emulator.close();
            stopped.countDown();
        }, "airbyte-emulator-shutdown"));
        stopped.await();
    }

    /**
     * Parses the options, starts an emulator and prints how to use it.
     *
     * @param args the command-line options
     * @param out where to print the base URL and credentials
     * @return the started emulator (the caller closes it), or null when {@code --help} was asked for
     * @throws IllegalArgumentException if an option is unknown or its value is invalid
     */
    static AirbyteEmulator run(String[] args, PrintStream out) {
        AirbyteEmulator.Builder builder = AirbyteEmulator.builder().port(DEFAULT_PORT);
        String clientId = AirbyteEmulator.DEFAULT_CLIENT_ID;
        String clientSecret = AirbyteEmulator.DEFAULT_CLIENT_SECRET;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (option.equals("--help") || option.equals("-h")) {
                out.println(usage());
                return null;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            String value = args[++i];
            switch (option) {
                case "--port" -> builder.port(parseInt(option, value));
                case "--widget-page-port" -> builder.widgetPagePort(parseInt(option, value));
                case "--host" -> builder.bindAddress(address(value));
                case "--client-id" -> {
                    clientId = value;
                    builder.clientId(value);
                }
                case "--client-secret" -> {
                    clientSecret = value;
                    builder.clientSecret(value);
                }
                case "--organization-id" -> builder.organizationId(parseUuid(option, value));
                case "--operator-token-lifetime" -> builder.operatorTokenLifetime(Duration.ofSeconds(parseInt(option, value)));
                case "--widget-token-lifetime" -> builder.widgetTokenLifetime(Duration.ofSeconds(parseInt(option, value)));
                case "--event-family" -> builder.eventFamily(eventFamily(value));
                case "--templates" -> builder.sourceTemplates(SourceTemplate.listFromJson(read(value)));
                case "--contract-checks" -> builder.contractChecks(parseBoolean(option, value));
                case "--unknown-workspace-list" -> builder.unknownWorkspaceList(unknownWorkspaceList(value));
                case "--asynchronous-deletes" -> builder.asynchronousDeletes(Duration.ofSeconds(parseInt(option, value)));
                default -> throw new IllegalArgumentException("unknown option " + option);
            }
        }
        AirbyteEmulator emulator = builder.build().start();
        out.println("Airbyte emulator listening on " + emulator.baseUri());
        out.println("  client_id:       " + clientId);
        // Never the secret itself, not even the emulator's: a log that holds one is a log someone copies.
        out.println("  client_secret:   " + (clientSecret.equals(AirbyteEmulator.DEFAULT_CLIENT_SECRET)
                ? "the default (AirbyteEmulator.DEFAULT_CLIENT_SECRET, in the testkit's docs)" : "as given with --client-secret"));
        out.println("  organization_id: " + emulator.organizationId());
        out.println("  widget page:     " + emulator.widgetPageOrigin() + " (widget-page-origin)");
        out.println("  inspection API:  " + emulator.baseUri() + "/_emulator/calls, /_emulator/state");
        return emulator;
    }

    static String usage() {
        return String.join(System.lineSeparator(),
                "usage: java -jar airbyte-embedded-testkit-standalone.jar [options]",
                "  --port N                         port (default " + DEFAULT_PORT + ", 0 = any free port)",
                "  --widget-page-port N             port of the widget page's origin (default 0 = any free port)",
                "  --host ADDRESS                   bind address (default 127.0.0.1)",
                "  --client-id ID                   accepted client id (default " + AirbyteEmulator.DEFAULT_CLIENT_ID + ")",
                "  --client-secret SECRET           accepted client secret (default " + AirbyteEmulator.DEFAULT_CLIENT_SECRET + ")",
                "  --organization-id UUID           organization id",
                "  --operator-token-lifetime SECS   expires_in of operator tokens (default 900)",
                "  --widget-token-lifetime SECS     lifetime of widget and scoped tokens (default 1200)",
                "  --event-family FAMILY            source (default) or partial_user_config",
                "  --templates FILE                 source templates JSON (replaces the defaults)",
                "  --contract-checks true|false     check calls and answers against the vendor's OpenAPI spec; violations",
                "                                   at GET /_emulator/contract-violations (default false)",
                "  --unknown-workspace-list ANSWER  an operator's list of an unknown workspace: empty (default), not-found",
                "                                   or unprocessable",
                "  --asynchronous-deletes SECS      a deleted source stays listed this long (default 0: gone at once)");
    }

    private static int parseInt(String option, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " expects a number");
        }
    }

    private static UnknownWorkspaceList unknownWorkspaceList(String value) {
        for (UnknownWorkspaceList answer : UnknownWorkspaceList.values()) {
            if (answer.name().toLowerCase(Locale.ROOT).replace('_', '-').equals(value)) {
                return answer;
            }
        }
        throw new IllegalArgumentException("--unknown-workspace-list expects empty, not-found or unprocessable");
    }

    private static boolean parseBoolean(String option, String value) {
        if (!value.equals("true") && !value.equals("false")) {
            throw new IllegalArgumentException(option + " expects true or false");
        }
        return Boolean.parseBoolean(value);
    }

    private static UUID parseUuid(String option, String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + " expects a UUID");
        }
    }

    private static InetAddress address(String value) {
        try {
            return InetAddress.getByName(value);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("--host: unknown host " + value);
        }
    }

    private static EventFamily eventFamily(String value) {
        for (EventFamily family : EventFamily.values()) {
            if (family.prefix().equals(value.toLowerCase(Locale.ROOT))) {
                return family;
            }
        }
        throw new IllegalArgumentException("--event-family expects source or partial_user_config");
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
