package io.github.airbyteembedded.testkit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Function;

/**
 * {@code /_emulator/*}: the inspection and control API. These calls are never counted.
 *
 * <ul>
 *   <li>{@code GET /_emulator/calls}: {@code {"METHOD /path": count}}
 *   <li>{@code GET /_emulator/state}: workspaces with their sources and connections (secrets redacted)
 *   <li>{@code POST /_emulator/reset}: clears calls, state and faults
 *   <li>{@code POST /_emulator/faults} (a JSON rule), {@code GET /_emulator/faults},
 *       {@code DELETE /_emulator/faults}: see {@link Fault}
 *   <li>{@code POST /_emulator/revoke-operator-tokens}: every operator token issued so far gets 401
 *   <li>{@code GET /_emulator/info}: base URL, organization, client id, widget script URL and SRI, widget
 *       page origin
 *   <li>{@code GET /_emulator/contract-violations}: the contract violations recorded and not yet taken
 *       ({@code [{"operation", "call", "pointer", "message"}]}); {@code DELETE} takes (forgets) them
 *   <li>{@code GET /_emulator/issued-secrets}: {@link AirbyteEmulator#issuedSecrets()} as a JSON array, for the
 *       leak scan of tests that run the emulator in another process; only while it records them ({@link
 *       AirbyteEmulator#RECORD_ISSUED_SECRETS}), 404 otherwise
 * </ul>
 *
 * <p>The calls that change something ({@code POST}, {@code DELETE}) need {@code Content-Type:
 * application/json} (415 otherwise), which a page of another site cannot send without a CORS
 * preflight that the emulator never grants: no simple cross-site form or {@code fetch} resets it.
 */
final class InspectionRoutes {

    static final String PREFIX = "/_emulator";

    private final AirbyteEmulator emulator;

    InspectionRoutes(AirbyteEmulator emulator) {
        this.emulator = emulator;
    }

    void register(Router router) {
        router.add("GET", PREFIX + "/calls", request -> Response.json(200, emulator.calls()));
        router.add("GET", PREFIX + "/state", request -> Response.json(200, state()));
        router.add("POST", PREFIX + "/reset", jsonOnly(request -> {
            emulator.reset();
            return Response.empty(204);
        }));
        router.add("POST", PREFIX + "/revoke-operator-tokens", jsonOnly(request -> {
            emulator.revokeOperatorTokens();
            return Response.empty(204);
        }));
        router.add("GET", PREFIX + "/info", request -> Response.json(200, info()));
        router.add("GET", PREFIX + "/issued-secrets", request -> emulator.recordsIssuedSecrets()
                ? Response.json(200, emulator.issuedSecrets().stream().sorted().toList())
                : Errors.api(404, "The emulator records what it issues only when started with -D"
                        + AirbyteEmulator.RECORD_ISSUED_SECRETS + "=true"));
        router.add("GET", PREFIX + "/faults", request -> Response.json(200, faults()));
        router.add("POST", PREFIX + "/faults", jsonOnly(this::addFault));
        router.add("DELETE", PREFIX + "/faults", jsonOnly(request -> {
            emulator.faults().clear();
            return Response.empty(204);
        }));
        router.add("GET", PREFIX + "/contract-violations", request -> Response.json(200, emulator.contractViolations()));
        router.add("DELETE", PREFIX + "/contract-violations", jsonOnly(request -> {
            emulator.takeContractViolations();
            return Response.empty(204);
        }));
    }

    /** A state-changing call: answered only with {@code Content-Type: application/json}, else 415. */
    private static Function<Request, Response> jsonOnly(Function<Request, Response> handler) {
        return request -> isJson(request.header("content-type").orElse(""))
                ? handler.apply(request)
                : Errors.api(415, "Calls that change the emulator need Content-Type: application/json "
                        + "(a page of another site cannot send it without a CORS preflight)");
    }

    private static boolean isJson(String contentType) {
        int semicolon = contentType.indexOf(';');
        String mediaType = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip();
        return mediaType.equalsIgnoreCase(Response.JSON);
    }

    private ArrayNode faults() {
        ArrayNode list = Json.array();
        emulator.faults().active().forEach(fault -> list.add(Faults.toJson(fault)));
        return list;
    }

    private Response addFault(Request request) {
        Errors.Validation validation = new Errors.Validation();
        Fault fault = Faults.fromJson(request.json().orElse(null), validation);
        if (fault == null) {
            return validation.response();
        }
        emulator.faults().add(fault);
        return Response.json(201, Faults.toJson(fault));
    }

    private ObjectNode state() {
        ObjectNode root = Json.object().put("organization_id", emulator.organizationId().toString());
        ArrayNode workspaces = root.putArray("workspaces");
        for (EmulatorWorkspace workspace : emulator.workspaces()) {
            ObjectNode node = workspaces.addObject()
                    .put("id", workspace.id().toString())
                    .put("name", workspace.name())
                    .put("region_id", workspace.regionId().toString());
            ArrayNode sources = node.putArray("sources");
            for (EmulatorSource source : workspace.sources()) {
                ObjectNode sourceNode = sources.addObject()
                        .put("id", source.id().toString())
                        .put("name", source.name())
                        .put("source_template_id", source.sourceTemplateId().toString())
                        .put("connector_name", source.connectorName())
                        .put("created_at", source.createdAt().toString())
                        .put("updated_at", source.updatedAt().toString());
                sourceNode.set("replication_config", Json.MAPPER.valueToTree(source.replicationConfig()));
            }
            ArrayNode connections = node.putArray("connections");
            for (EmulatorConnection connection : workspace.connections()) {
                connections.addObject()
                        .put("id", connection.id().toString())
                        .put("source_id", connection.sourceId().toString())
                        .put("connection_template_id", connection.connectionTemplateId().toString())
                        .put("destination_name", connection.destinationName())
                        .put("created_at", connection.createdAt().toString());
            }
        }
        return root;
    }

    private ObjectNode info() {
        ObjectNode info = Json.object()
                .put("base_url", emulator.baseUri().toString())
                .put("organization_id", emulator.organizationId().toString())
                .put("client_id", emulator.clientId());
        emulator.addInfo(info);
        return info;
    }
}
