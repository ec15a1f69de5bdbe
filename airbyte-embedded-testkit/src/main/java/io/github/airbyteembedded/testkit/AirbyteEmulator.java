package io.github.airbyteembedded.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local emulator of the Airbyte Embedded API and widget, on loopback: the API (and a CDN-shaped path
 * for the widget script) on one port, the widget page on another ({@link #widgetPageOrigin()}), as the
 * vendor's API and widget page are on two origins.
 * It issues operator tokens and widget tokens in the vendor's exact format, keeps workspaces, counts
 * every call, and answers an inspection API under {@code /_emulator/}.
 *
 * <pre>{@code
 * try (AirbyteEmulator emulator = AirbyteEmulator.builder().build().start()) {
 *     URI api = emulator.baseUri();                  // e.g. http://127.0.0.1:54321
 *     // ... point the code under test at api, with DEFAULT_CLIENT_ID / DEFAULT_CLIENT_SECRET ...
 *     assertEquals(1, emulator.callCount("POST /api/v1/account/applications/token"));
 *     assertEquals("alice", emulator.workspaces().get(0).name());
 * }
 * }</pre>
 *
 * <p>Every builder option is optional: port 0 (any free port) on 127.0.0.1, the default credentials,
 * 900-second operator tokens and 20-minute widget tokens, the system clock. An emulator is started
 * once and closed once; it is thread-safe, and counts calls exactly under any concurrency.
 *
 * <p>It is safe to leave running on a developer's machine: it answers only requests whose {@code Host}
 * is {@code localhost} or a loopback address (421 otherwise: a page of another site reaching it through
 * DNS rebinding gets nothing), and its state-changing inspection calls need {@code Content-Type:
 * application/json}, which no simple cross-site request can send.
 *
 * @since 0.1.0
 */
public final class AirbyteEmulator implements AutoCloseable {

    /**
     * The JDK's HTTP server sends small answers with Nagle's algorithm on, which delays each one by
     * the peer's delayed ACK (about 40 ms on Linux): every call to the emulator would look 40 ms
     * slower than it is. The switch is a JVM-wide system property, read once when the JDK's server
     * classes load, so it is set here, before the first emulator starts, unless the JVM was given a
     * value of its own. It only makes the JDK's HTTP servers in this (test or development) JVM answer
     * sooner.
     */
    static final String NODELAY_PROPERTY = "sun.net.httpserver.nodelay";

    static {
        if (System.getProperty(NODELAY_PROPERTY) == null) {
            System.setProperty(NODELAY_PROPERTY, "true");
        }
    }

    /** The client id the emulator accepts unless {@link Builder#clientId(String)} sets another. */
    public static final String DEFAULT_CLIENT_ID = "emulator-client-id";

    /** The client secret the emulator accepts unless {@link Builder#clientSecret(String)} sets another. */
    public static final String DEFAULT_CLIENT_SECRET = "emulator-client-secret";

    /** The organization id the emulator reports unless {@link Builder#organizationId(UUID)} sets another. */
    public static final UUID DEFAULT_ORGANIZATION_ID = UUID.fromString("6e0b2d9a-6c39-4f8e-9b57-3f3e2c8f7a10");

    /**
     * The value that makes the emulated connector check fail: any string field of a configuration
     * (a credential, a host...) that is exactly {@code "invalid"}.
     */
    public static final String INVALID_CREDENTIAL_VALUE = "invalid";

    /**
     * The system property that makes the emulators of a JVM record every token they issue, for {@link
     * #issuedSecrets()}: {@value}. Read when an emulator is built; {@code true} turns recording on. Off by
     * default, so that an emulator serving a long run keeps nothing.
     *
     * @since 0.2.0
     */
    public static final String RECORD_ISSUED_SECRETS = "io.github.airbyteembedded.testkit.recordIssuedSecrets";

    /** The widget version whose API the emulator's widget script implements: {@value}. */
    public static final String WIDGET_VERSION = "0.4.5";

    /**
     * The widget versions the vendor published, the only ones the emulator's CDN-shaped path serves (404
     * for any other, as on the CDN): 0.4.3, 0.4.4 and 0.4.5, oldest first.
     *
     * @since 0.2.0
     */
    public static final List<String> PUBLISHED_WIDGET_VERSIONS = List.of("0.4.3", "0.4.4", WIDGET_VERSION);

    /** The operator token lifetime ({@code expires_in}) unless configured: 900 seconds. */
    public static final Duration DEFAULT_OPERATOR_TOKEN_LIFETIME = Duration.ofSeconds(900);

    /** The widget (scoped) token lifetime unless configured: 20 minutes. */
    public static final Duration DEFAULT_WIDGET_TOKEN_LIFETIME = Duration.ofMinutes(20);

    /**
     * The system property that turns contract checks on for every emulator whose builder does not say
     * otherwise: {@value} = {@code true}. Set it in the test runner's configuration (Surefire's {@code
     * systemPropertyVariables}) to check every test's calls; {@link Builder#contractChecks(boolean)}
     * decides for one emulator. (Not {@code airbyte.*}: the servlet plugin reads that namespace as its own
     * settings.)
     *
     * @since 0.2.0
     */
    public static final String CONTRACT_CHECKS_PROPERTY = "airbyte-emulator.contract-checks";

    private static final Logger LOG = System.getLogger(AirbyteEmulator.class.getName());
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private enum Lifecycle { NEW, STARTED, CLOSED }

    private final Settings settings;
    private final EmulatorState state;
    private final CallCounter calls = new CallCounter();
    private final Faults faults = new Faults();
    private final IssuedSecrets issuedSecrets;
    private final Tokens tokens;
    private final ContractChecks contract;
    private final int instance = INSTANCES.incrementAndGet();

    private Lifecycle lifecycle = Lifecycle.NEW;
    private HttpServer server;
    private HttpServer widgetPageServer;
    private ExecutorService executor;
    private volatile URI baseUri;
    private volatile URI widgetPageBase;

    private AirbyteEmulator(Settings settings) {
        this.settings = settings;
        this.issuedSecrets = new IssuedSecrets(settings.clientSecret());
        this.tokens = new Tokens(settings.clock(), issuedSecrets);
        this.state = new EmulatorState(settings.clock());
        this.contract = new ContractChecks(settings.fidelity().contractChecks());
    }

    /**
     * Starts configuring an emulator.
     *
     * @return a new builder with every option at its default
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Binds the server and starts answering.
     *
     * @return this emulator, for chaining
     * @throws IllegalStateException if it was already started or closed
     * @throws UncheckedIOException if the address or port cannot be bound
     */
    public synchronized AirbyteEmulator start() {
        if (lifecycle != Lifecycle.NEW) {
            throw new IllegalStateException("the emulator was already " + lifecycle.name().toLowerCase(java.util.Locale.ROOT));
        }
        server = bind(settings.port());
        try {
            widgetPageServer = bind(settings.fidelity().widgetPagePort());
        } catch (UncheckedIOException e) {
            server.stop(0);
            throw e;
        }
        executor = Executors.newCachedThreadPool(daemonThreads("airbyte-emulator-" + instance + "-"));
        server.setExecutor(executor);
        widgetPageServer.setExecutor(executor);
        Router router = new Router();
        new AccountRoutes(settings, state, tokens, this::baseUri, this::widgetPageBase).register(router);
        new IntegrationRoutes(settings, state, tokens, faults).register(router);
        WidgetRoutes widgetRoutes = new WidgetRoutes(settings, this::baseUri);
        widgetRoutes.registerScript(router);
        new InspectionRoutes(this).register(router);
        var api = server.createContext("/", new Dispatcher(router, calls, faults, settings.organizationId(), contract));
        api.getFilters().add(new HostCheck(settings.bindAddress()));
        api.getFilters().add(new WidgetPageCors(this::widgetPageOrigin));
        Router pageRouter = new Router();
        widgetRoutes.registerPage(pageRouter);
        widgetPageServer.createContext("/", new Dispatcher(pageRouter, calls, faults, settings.organizationId(), contract))
                .getFilters().add(new HostCheck(settings.bindAddress()));
        String host = "http://" + hostLiteral(settings.bindAddress()) + ":";
        baseUri = URI.create(host + server.getAddress().getPort());
        widgetPageBase = URI.create(host + widgetPageServer.getAddress().getPort());
        server.start();
        widgetPageServer.start();
        lifecycle = Lifecycle.STARTED;
        LOG.log(Level.INFO, "Airbyte emulator listening on {0}", baseUri);
        return this;
    }

    private HttpServer bind(int port) {
        try {
            return HttpServer.create(new InetSocketAddress(settings.bindAddress(), port), 512);
        } catch (IOException e) {
            throw new UncheckedIOException("could not bind the emulator to " + settings.bindAddress().getHostAddress()
                    + ":" + port, e);
        }
    }

    private static String hostLiteral(InetAddress address) {
        if (address.isAnyLocalAddress()) {
            return "127.0.0.1";
        }
        String host = address.getHostAddress();
        return address instanceof Inet6Address ? "[" + host + "]" : host;
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /**
     * The emulator's base URL, the value to configure as the Airbyte API base.
     *
     * @return for example {@code http://127.0.0.1:54321} (no trailing slash)
     * @throws IllegalStateException if it has not been started
     */
    public URI baseUri() {
        URI uri = baseUri;
        if (uri == null) {
            throw new IllegalStateException("the emulator has not been started");
        }
        return uri;
    }

    /**
     * The origin of the widget page, the {@code widgetUrl} of the widget tokens: another loopback port
     * than the API's, as the vendor serves its widget page from {@code app.airbyte.ai} beside {@code
     * api.airbyte.ai}. A page's CSP {@code frame-src} must name this origin (the library's {@code
     * widget-page-origin}); the API answers the page's calls with CORS for exactly this origin.
     *
     * @return for example {@code http://127.0.0.1:54322}
     * @throws IllegalStateException if it has not been started
     * @since 0.2.0
     */
    public String widgetPageOrigin() {
        return widgetPageBase().toString();
    }

    private URI widgetPageBase() {
        URI uri = widgetPageBase;
        if (uri == null) {
            throw new IllegalStateException("the emulator has not been started");
        }
        return uri;
    }

    /**
     * The port the emulator listens on.
     *
     * @return the bound port
     * @throws IllegalStateException if it has not been started
     */
    public int port() {
        return baseUri().getPort();
    }

    /**
     * How many calls one endpoint received since start or the last {@link #reset()}. Inspection calls
     * ({@code /_emulator/...}) are not counted.
     *
     * @param endpoint {@code "METHOD /path"}, the path without query, e.g.
     *     {@code "POST /api/v1/account/applications/token"}
     * @return the count, 0 when never called
     */
    public int callCount(String endpoint) {
        return calls.count(Objects.requireNonNull(endpoint, "endpoint"));
    }

    /**
     * Every endpoint called since start or the last {@link #reset()}, with its count.
     *
     * @return an unmodifiable map sorted by endpoint, {@code "METHOD /path"} to count
     */
    public Map<String, Integer> calls() {
        return calls.snapshot();
    }

    /**
     * The workspaces created so far (by widget-token requests), oldest first, with what they hold.
     *
     * @return an unmodifiable snapshot
     */
    public List<EmulatorWorkspace> workspaces() {
        return state.snapshot();
    }

    /**
     * One workspace by name.
     *
     * @param name the {@code workspace_name} of the widget-token request
     * @return a snapshot of the workspace, or empty when none has that name
     */
    public Optional<EmulatorWorkspace> workspace(String name) {
        Objects.requireNonNull(name, "name");
        return workspaces().stream().filter(w -> w.name().equals(name)).findFirst();
    }

    /**
     * What must never appear in the output of the code under test: the client secret this emulator
     * accepts, and, when the JVM records them ({@link #RECORD_ISSUED_SECRETS}), every token it issued
     * since it was built: operator tokens, widget tokens and the scoped JWTs inside them, scoped tokens.
     * For tests that scan logs, error bodies and messages for leaks.
     *
     * <pre>{@code
     * for (String secret : emulator.issuedSecrets()) {
     *     assertFalse(capturedLog.contains(secret));
     * }
     * }</pre>
     *
     * @return an unmodifiable snapshot
     * @since 0.2.0
     */
    public Set<String> issuedSecrets() {
        return issuedSecrets.snapshot();
    }

    /**
     * What every emulator of this JVM recorded ({@link #issuedSecrets()}) while {@link
     * #RECORD_ISSUED_SECRETS} was on, including emulators already closed: the values a test suite's leak
     * scanner looks for at the end of the run.
     *
     * @return an unmodifiable snapshot, empty when nothing was recorded
     * @since 0.2.0
     */
    public static Set<String> issuedSecretsOfThisJvm() {
        return IssuedSecrets.everyEmulator();
    }

    /** Makes every operator token issued so far invalid: using one now gets 401. New tokens work. */
    public void revokeOperatorTokens() {
        tokens.revokeOperatorTokens();
    }

    /**
     * Clears the call counts, all workspaces (with their sources and connections) and all faults,
     * releasing any call a hang fault holds. Issued tokens stay valid.
     */
    public void reset() {
        faults.clear();
        calls.clear();
        state.clear();
    }

    /**
     * Whether this emulator checks every call and answer against the vendor's OpenAPI spec; see {@link
     * Builder#contractChecks(boolean)}.
     *
     * @return true when contract checks are on
     * @since 0.2.0
     */
    public boolean contractChecks() {
        return contract.enabled();
    }

    /**
     * The contract violations recorded since start or since they were last taken; always empty when
     * contract checks are off. {@link #reset()} keeps them: they belong to the test that caused them.
     *
     * @return an unmodifiable snapshot, oldest first
     * @since 0.2.0
     */
    public List<ContractViolation> contractViolations() {
        return contract.snapshot();
    }

    /**
     * Takes the contract violations recorded so far: returns them and forgets them, so that neither
     * {@link #close()} nor the JUnit extension fails on them. A test that breaks the contract on purpose
     * takes the violations and asserts them.
     *
     * @return the violations, oldest first
     * @since 0.2.0
     */
    public List<ContractViolation> takeContractViolations() {
        return contract.take();
    }

    /**
     * The faults injected into this emulator; see {@link Fault}.
     *
     * @return the live fault list
     */
    public Faults faults() {
        return faults;
    }

    /**
     * The organization the emulator reports in token responses and checks {@code X-Organization-Id}
     * against.
     *
     * @return the organization id
     */
    public UUID organizationId() {
        return settings.organizationId();
    }

    /**
     * The client id the emulator accepts.
     *
     * @return the client id
     */
    public String clientId() {
        return settings.clientId();
    }

    /**
     * The URL of the emulator's widget script at the jsDelivr-shaped path, so that a page's
     * {@code <script src>} pointed at the emulator instead of the CDN works unchanged. Every published
     * version gets the same bytes (the emulator's script is API-compatible with 0.4.5); any other version
     * is 404 there, as on the CDN, so a wrong or unpublished version fails a test.
     *
     * @param version one of {@link #PUBLISHED_WIDGET_VERSIONS}, for example {@code "0.4.5"}
     * @return {@code <baseUri>/npm/@airbyte-embedded/airbyte-embedded-widget@<version>/dist/airbyte-embedded-widget.iife.js}
     * @throws IllegalArgumentException if the version is not one the vendor published
     * @throws IllegalStateException if the emulator has not been started
     */
    public URI widgetScriptUri(String version) {
        Objects.requireNonNull(version, "version");
        if (!PUBLISHED_WIDGET_VERSIONS.contains(version)) {
            throw new IllegalArgumentException("the vendor published widget versions " + PUBLISHED_WIDGET_VERSIONS
                    + " only, not '" + version + "'");
        }
        return URI.create(baseUri() + "/npm/" + WidgetRoutes.PACKAGE + "@" + version + "/" + WidgetRoutes.SCRIPT_FILE);
    }

    /**
     * The widget script URL for {@link #WIDGET_VERSION}.
     *
     * @return the URL of {@link #widgetScriptUri(String)} for 0.4.5
     * @throws IllegalStateException if the emulator has not been started
     */
    public URI widgetScriptUri() {
        return widgetScriptUri(WIDGET_VERSION);
    }

    /**
     * The Subresource Integrity value of the emulator's widget script, for
     * {@code <script integrity="..." crossorigin="anonymous">}. It is the same for every emulator of
     * one testkit version (the script is a fixed classpath resource), and differs from the vendor's.
     *
     * @return {@code "sha384-<base64>"}
     */
    public static String widgetScriptIntegrity() {
        return WidgetAssets.SCRIPT_INTEGRITY;
    }

    /**
     * The CSP hash of the {@code <style>} text the emulator's widget script injects, for a host page
     * whose {@code style-src} allows no {@code 'unsafe-inline'}: put it in quotes,
     * {@code style-src 'self' 'sha256-...'}.
     *
     * @return {@code "sha256-<base64>"}
     */
    public static String widgetStyleCspHash() {
        return WidgetAssets.STYLE_CSP_HASH;
    }

    /**
     * The enabled connectors this emulator offers.
     *
     * @return the source templates, in order
     */
    public List<SourceTemplate> sourceTemplates() {
        return settings.sourceTemplates();
    }

    /** Whether this emulator records what it issues ({@link #RECORD_ISSUED_SECRETS}). */
    boolean recordsIssuedSecrets() {
        return issuedSecrets.recording();
    }

    /** The live state, for this package's tests (it holds unredacted configurations). */
    EmulatorState stateForTests() {
        return state;
    }

    void addInfo(ObjectNode info) {
        info.put("widget_script_url", widgetScriptUri().toString());
        info.put("widget_page_origin", widgetPageOrigin());
        info.put("widget_script_integrity", widgetScriptIntegrity());
        info.put("widget_style_csp_hash", widgetStyleCspHash());
        info.put("event_family", settings.eventFamily().prefix());
        info.put("operator_token_lifetime_seconds", settings.operatorTokenLifetime().toSeconds());
        info.put("widget_token_lifetime_seconds", settings.widgetTokenLifetime().toSeconds());
    }

    /**
     * Stops the server promptly (it does not wait for calls in progress) and releases its threads.
     * Closing twice, or closing an emulator that was never started, does nothing. With contract checks
     * on, it then fails with an {@link AssertionError} listing the contract violations nobody took (see
     * {@link #takeContractViolations()}), so that a test closing its emulator fails on them.
     *
     * @throws AssertionError when contract checks are on and recorded violations were not taken
     */
    @Override
    public void close() {
        stop();
        List<ContractViolation> violations = contract.take();
        if (!violations.isEmpty()) {
            throw new AssertionError(ContractViolation.report(violations));
        }
    }

    private void stop() {
        HttpServer toStop;
        HttpServer pageToStop;
        ExecutorService toShutDown;
        synchronized (this) {
            if (lifecycle == Lifecycle.CLOSED) {
                return;
            }
            lifecycle = Lifecycle.CLOSED;
            toStop = server;
            pageToStop = widgetPageServer;
            toShutDown = executor;
        }
        faults.close(); // releases hung calls, so their threads end
        if (toStop != null) {
            toStop.stop(0);
        }
        if (pageToStop != null) {
            pageToStop.stop(0);
        }
        if (toShutDown != null) {
            toShutDown.shutdownNow();
            try {
                if (!toShutDown.awaitTermination(5, TimeUnit.SECONDS)) {
                    LOG.log(Level.WARNING, "Some emulator threads did not stop within 5 seconds");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public String toString() {
        URI uri = baseUri;
        return "AirbyteEmulator{" + (uri == null ? "not started" : uri.toString()) + ", " + settings + "}";
    }

    /**
     * Configures an {@link AirbyteEmulator}. Every option has a default; {@link #build()} validates once.
     *
     * @since 0.1.0
     */
    public static final class Builder {
        private InetAddress bindAddress = InetAddress.getLoopbackAddress();
        private int port;
        private String clientId = DEFAULT_CLIENT_ID;
        private String clientSecret = DEFAULT_CLIENT_SECRET;
        private Duration operatorTokenLifetime = DEFAULT_OPERATOR_TOKEN_LIFETIME;
        private Duration widgetTokenLifetime = DEFAULT_WIDGET_TOKEN_LIFETIME;
        private UUID organizationId = DEFAULT_ORGANIZATION_ID;
        private Clock clock = Clock.systemUTC();
        private List<SourceTemplate> sourceTemplates = SourceTemplate.defaults();
        private List<ConnectionTemplate> connectionTemplates = List.of();
        private EventFamily eventFamily = EventFamily.SOURCE;
        private Duration widgetAuthTimeout = Duration.ofSeconds(5);
        private boolean contractChecks = Boolean.getBoolean(CONTRACT_CHECKS_PROPERTY);
        private UnknownWorkspaceList unknownWorkspaceList = UnknownWorkspaceList.EMPTY;
        private Duration deletedSourcesListedFor = Duration.ZERO;
        private int widgetPagePort;

        private Builder() {
        }

        /**
         * Contract checks: every call under {@code /api/} is checked against the vendor's OpenAPI spec
         * (the operation's method and path, its query and header parameters, {@code X-Organization-Id}
         * as a UUID, the Bearer token its security asks for, {@code Content-Type}, the body against its
         * schema with undocumented properties refused), and so is every answer the emulator sends
         * (against the schema of its status). A call whose parameters, content type or body break the
         * contract is refused with 422, each error naming the JSON pointer. Every violation is logged
         * and recorded: {@link AirbyteEmulator#takeContractViolations()} takes them, {@link
         * AirbyteEmulator#close()} and the JUnit extension (after each test) fail on those left. The
         * deliberate extras (401/404/405 {@code {"detail"}}, the deprecated widget-token path) are
         * allowed; answers a fault makes are not checked.
         *
         * @param on whether to check; the default is the system property {@value #CONTRACT_CHECKS_PROPERTY}
         *     ({@code false} when it is not set)
         * @return this builder
         * @since 0.2.0
         */
        public Builder contractChecks(boolean on) {
            this.contractChecks = on;
            return this;
        }

        /**
         * Sets how an operator's list of sources for an unknown workspace is answered.
         *
         * @param answer how an operator's list of sources for a workspace that does not exist is answered
         *     (default {@link UnknownWorkspaceList#EMPTY}, 200 with an empty list); the vendor's spec does
         *     not say, so run the code under test against each
         * @return this builder
         * @since 0.2.0
         */
        public Builder unknownWorkspaceList(UnknownWorkspaceList answer) {
            this.unknownWorkspaceList = Objects.requireNonNull(answer, "answer");
            return this;
        }

        /**
         * Asynchronous deletes, as the real service's: {@code DELETE /api/v1/integrations/connectors/{id}}
         * answers {@code 202 {"job_id"}} and the source stays listed (and readable, and deletable again)
         * for this long on the emulator's clock, then is gone.
         *
         * @param listedFor how long a deleted source stays listed; the default, zero, removes it at once
         * @return this builder
         * @throws IllegalArgumentException if negative
         * @since 0.2.0
         */
        public Builder asynchronousDeletes(Duration listedFor) {
            Objects.requireNonNull(listedFor, "listedFor");
            if (listedFor.isNegative()) {
                throw new IllegalArgumentException("listedFor must not be negative");
            }
            this.deletedSourcesListedFor = listedFor;
            return this;
        }

        /**
         * Sets the TCP port.
         *
         * @param port the TCP port, 0 (the default) for any free port
         * @return this builder
         * @throws IllegalArgumentException if not in 0..65535
         */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be in 0..65535, was " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * Sets the TCP port of the widget page's origin.
         *
         * @param port the TCP port of the widget page's origin, 0 (the default) for any free port; the
         *     widget page is always on another origin than the API's
         * @return this builder
         * @throws IllegalArgumentException if not in 0..65535
         * @since 0.2.0
         */
        public Builder widgetPagePort(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("widgetPagePort must be in 0..65535, was " + port);
            }
            this.widgetPagePort = port;
            return this;
        }

        /**
         * Sets the address to listen on.
         *
         * @param bindAddress the address to listen on; the default is the loopback address (127.0.0.1).
         *     Only change it for a standalone emulator that other machines must reach: they address it by
         *     IP address, since it answers only a loopback name or an address literal in {@code Host}
         *     (against DNS rebinding).
         * @return this builder
         */
        public Builder bindAddress(InetAddress bindAddress) {
            this.bindAddress = Objects.requireNonNull(bindAddress, "bindAddress");
            return this;
        }

        /**
         * Sets the client id the token endpoint accepts.
         *
         * @param clientId the client id the token endpoint accepts (default {@link #DEFAULT_CLIENT_ID})
         * @return this builder
         * @throws IllegalArgumentException if blank
         */
        public Builder clientId(String clientId) {
            this.clientId = requireNotBlank(clientId, "clientId");
            return this;
        }

        /**
         * Sets the client secret the token endpoint accepts.
         *
         * @param clientSecret the client secret the token endpoint accepts (default
         *     {@link #DEFAULT_CLIENT_SECRET}); never printed
         * @return this builder
         * @throws IllegalArgumentException if blank
         */
        public Builder clientSecret(String clientSecret) {
            this.clientSecret = requireNotBlank(clientSecret, "clientSecret");
            return this;
        }

        /**
         * Sets the operator token lifetime.
         *
         * @param lifetime the operator token lifetime, reported as {@code expires_in} (default 900 s)
         * @return this builder
         * @throws IllegalArgumentException if shorter than one second
         */
        public Builder operatorTokenLifetime(Duration lifetime) {
            this.operatorTokenLifetime = requireSeconds(lifetime, "operatorTokenLifetime");
            return this;
        }

        /**
         * Sets the lifetime of widget tokens' inner JWT and of scoped tokens.
         *
         * @param lifetime the lifetime of widget tokens' inner JWT and of scoped tokens (default 20 minutes)
         * @return this builder
         * @throws IllegalArgumentException if shorter than one second
         */
        public Builder widgetTokenLifetime(Duration lifetime) {
            this.widgetTokenLifetime = requireSeconds(lifetime, "widgetTokenLifetime");
            return this;
        }

        /**
         * Sets the organization id.
         *
         * @param organizationId the organization id (default {@link #DEFAULT_ORGANIZATION_ID})
         * @return this builder
         */
        public Builder organizationId(UUID organizationId) {
            this.organizationId = Objects.requireNonNull(organizationId, "organizationId");
            return this;
        }

        /**
         * Sets the clock for issuing and expiring tokens and for timestamps.
         *
         * @param clock the clock for issuing and expiring tokens and for timestamps (default: system UTC);
         *     tests pass a clock they can advance instead of sleeping
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Sets the enabled connectors.
         *
         * @param templates the enabled connectors (default {@link SourceTemplate#defaults()})
         * @return this builder
         * @throws IllegalArgumentException if two templates share an id
         */
        public Builder sourceTemplates(List<SourceTemplate> templates) {
            List<SourceTemplate> copy = List.copyOf(templates);
            if (copy.stream().map(SourceTemplate::id).distinct().count() != copy.size()) {
                throw new IllegalArgumentException("source template ids must be unique");
            }
            this.sourceTemplates = copy;
            return this;
        }

        /**
         * Sets connection templates.
         *
         * @param templates connection templates; when any applies, creating a source also creates a
         *     connection to its destination (default: none)
         * @return this builder
         */
        public Builder connectionTemplates(List<ConnectionTemplate> templates) {
            this.connectionTemplates = List.copyOf(templates);
            return this;
        }

        /**
         * Sets the event names the widget page posts.
         *
         * @param family the event names the widget page posts (default {@link EventFamily#SOURCE})
         * @return this builder
         */
        public Builder eventFamily(EventFamily family) {
            this.eventFamily = Objects.requireNonNull(family, "family");
            return this;
        }

        /**
         * Sets how long the widget page waits for the host's token reply.
         *
         * @param timeout how long the widget page waits for the host's token reply before it shows its
         *     "no token from the allowed origin" error (default 5 seconds)
         * @return this builder
         * @throws IllegalArgumentException if not positive
         */
        public Builder widgetAuthTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("widgetAuthTimeout must be positive");
            }
            this.widgetAuthTimeout = timeout;
            return this;
        }

        /**
         * Creates the emulator (not yet started: call {@link AirbyteEmulator#start()}).
         *
         * @return the emulator
         */
        public AirbyteEmulator build() {
            return new AirbyteEmulator(new Settings(bindAddress, port, clientId, clientSecret, operatorTokenLifetime,
                    widgetTokenLifetime, organizationId, clock, sourceTemplates, connectionTemplates, eventFamily,
                    widgetAuthTimeout, new Fidelity(contractChecks, unknownWorkspaceList, deletedSourcesListedFor, widgetPagePort)));
        }

        private static String requireNotBlank(String value, String name) {
            Objects.requireNonNull(value, name);
            if (value.isBlank()) {
                throw new IllegalArgumentException(name + " is blank");
            }
            return value;
        }

        private static Duration requireSeconds(Duration value, String name) {
            Objects.requireNonNull(value, name);
            if (value.toSeconds() < 1) {
                throw new IllegalArgumentException(name + " must be at least one second");
            }
            return value;
        }
    }
}
