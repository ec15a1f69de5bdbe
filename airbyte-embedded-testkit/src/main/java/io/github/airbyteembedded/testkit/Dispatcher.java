package io.github.airbyteembedded.testkit;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The one HTTP handler: counts the call, checks it against the API contract (when the emulator's
 * contract checks are on), applies faults, checks {@code X-Organization-Id} on the API, routes, checks
 * the answer against the contract, and writes it. Inspection calls ({@code /_emulator/...}) are neither
 * counted, checked nor faulted.
 */
final class Dispatcher implements HttpHandler {

    private static final Logger LOG = System.getLogger(AirbyteEmulator.class.getName());
    private static final int MAX_BODY_BYTES = 1 << 20;

    private final Router router;
    private final CallCounter calls;
    private final Faults faults;
    private final UUID organizationId;
    private final ContractChecks contract;

    Dispatcher(Router router, CallCounter calls, Faults faults, UUID organizationId, ContractChecks contract) {
        this.router = router;
        this.calls = calls;
        this.faults = faults;
        this.organizationId = organizationId;
        this.contract = contract;
    }

    @Override
    public void handle(HttpExchange exchange) {
        try {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            String endpoint = method + " " + path;
            boolean inspection = path.equals(InspectionRoutes.PREFIX) || path.startsWith(InspectionRoutes.PREFIX + "/");
            Request request = read(exchange, method, path);
            if (!inspection) {
                calls.record(endpoint);
                Optional<Response> refusal = contract.refusal(request);
                if (refusal.isPresent()) {
                    write(exchange, checked(request, refusal.get()));
                    return;
                }
                Faults.Outcome outcome = faults.apply(endpoint);
                if (outcome.dropConnection()) {
                    return; // reset: closed without a response (see finally)
                }
                if (outcome.answer() != null) {
                    outcome.answer().write(exchange, () -> route(request));
                    return; // what the fault left unanswered is closed (see finally)
                }
                write(exchange, checked(request, route(request)));
                return;
            }
            write(exchange, route(request));
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "Emulator exchange failed: {0}", e.toString());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Emulator handler failed", e);
            try {
                write(exchange, Errors.api(500, "Internal emulator error"));
            } catch (IOException | RuntimeException ignored) {
                // the client is gone or the response was already started
            }
        } finally {
            exchange.close();
        }
    }

    private Response route(Request request) {
        return organizationMismatch(request).orElseGet(() -> router.route(request));
    }

    /** The answer, once checked against the contract. */
    private Response checked(Request request, Response response) {
        contract.checkAnswer(request, response);
        return response;
    }

    private Optional<Response> organizationMismatch(Request request) {
        if (!request.path().startsWith("/api/")) {
            return Optional.empty();
        }
        Optional<String> header = request.header("x-organization-id").map(String::strip);
        if (header.isEmpty()) {
            return Optional.empty();
        }
        UUID given;
        try {
            given = UUID.fromString(header.get());
        } catch (IllegalArgumentException e) {
            return Optional.of(new Errors.Validation()
                    .add("x-organization-id", "Input should be a valid UUID", "uuid_parsing").response());
        }
        if (!given.equals(organizationId)) {
            return Optional.of(Errors.api(403, "Access denied to this resource"));
        }
        return Optional.empty();
    }

    private static Request read(HttpExchange exchange, String method, String path) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Map.Entry<String, java.util.List<String>> header : exchange.getRequestHeaders().entrySet()) {
            if (!header.getValue().isEmpty()) {
                headers.put(header.getKey(), header.getValue().get(0));
            }
        }
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readNBytes(MAX_BODY_BYTES);
        }
        return new Request(method, path, exchange.getRequestURI().getRawQuery(), headers, body);
    }

    static void write(HttpExchange exchange, Response response) throws IOException {
        Headers headers = exchange.getResponseHeaders();
        response.headers().forEach(headers::set);
        byte[] body = response.body();
        boolean noBody = body.length == 0 || "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(response.status(), noBody ? -1 : body.length);
        if (!noBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
