package io.github.airbyteembedded.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** One HTTP request as the routes see it: method, path, decoded query, headers and the whole body. */
final class Request {

    private final String method;
    private final String path;
    private final Map<String, List<String>> query;
    private final Map<String, String> headers;
    private final byte[] body;
    private final Map<String, String> pathParameters;

    Request(String method, String path, String rawQuery, Map<String, String> headers, byte[] body) {
        this(method, path, parseQuery(rawQuery), lowerCaseKeys(headers), body, Map.of());
    }

    private Request(String method, String path, Map<String, List<String>> query, Map<String, String> headers,
            byte[] body, Map<String, String> pathParameters) {
        this.method = method;
        this.path = path;
        this.query = query;
        this.headers = headers;
        this.body = body;
        this.pathParameters = pathParameters;
    }

    Request withPathParameters(Map<String, String> parameters) {
        return new Request(method, path, query, headers, body, Map.copyOf(parameters));
    }

    String method() {
        return method;
    }

    String path() {
        return path;
    }

    /** The counting key, {@code "METHOD /path"}. */
    String endpoint() {
        return method + " " + path;
    }

    Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }

    Optional<String> queryParameter(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    List<String> queryParameters(String name) {
        return query.getOrDefault(name, List.of());
    }

    /** The names of the query parameters, in order. */
    java.util.Set<String> queryNames() {
        return java.util.Collections.unmodifiableSet(query.keySet());
    }

    String pathParameter(String name) {
        return pathParameters.get(name);
    }

    byte[] body() {
        return body;
    }

    Optional<JsonNode> json() {
        return Json.parse(body);
    }

    /** The Bearer token of the Authorization header, if there is one. */
    Optional<String> bearerToken() {
        return header("authorization")
                .map(String::strip)
                .filter(value -> value.regionMatches(true, 0, "Bearer ", 0, 7))
                .map(value -> value.substring(7).strip())
                .filter(value -> !value.isEmpty());
    }

    private static Map<String, List<String>> parseQuery(String rawQuery) {
        Map<String, List<String>> result = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return result;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            result.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        }
        return result;
    }

    /**
     * Decodes one query component as a form does; a malformed percent-escape is kept as it is (as the
     * real service's framework does) rather than failing the request.
     */
    private static String decode(String component) {
        try {
            return URLDecoder.decode(component, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return component.replace('+', ' ');
        }
    }

    private static Map<String, String> lowerCaseKeys(Map<String, String> headers) {
        Map<String, String> result = new LinkedHashMap<>();
        headers.forEach((key, value) -> result.put(key.toLowerCase(Locale.ROOT), value));
        return result;
    }
}
