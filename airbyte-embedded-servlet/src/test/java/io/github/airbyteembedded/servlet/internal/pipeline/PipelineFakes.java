package io.github.airbyteembedded.servlet.internal.pipeline;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Proxy;
import java.security.Principal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Plain fakes of a request and a response for the pipeline's unit tests: what the checks and an answer touch, nothing more. */
final class PipelineFakes {

    private PipelineFakes() {
    }

    /** A request with a method, headers, attributes and a principal; counts how often the principal is read. */
    static final class Request {

        private final String method;
        private final Map<String, List<String>> headers = new LinkedHashMap<>();
        private final Map<String, Object> attributes = new HashMap<>();
        final AtomicInteger principalReads = new AtomicInteger();
        private Principal principal;

        Request(String method) {
            this.method = method;
        }

        Request user(String name) {
            this.principal = () -> name;
            return this;
        }

        Request header(String name, String value) {
            headers.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
            return this;
        }

        Request attribute(String name, Object value) {
            attributes.put(name, value);
            return this;
        }

        HttpServletRequest proxy() {
            return (HttpServletRequest) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {HttpServletRequest.class},
                    (self, call, args) -> switch (call.getName()) {
                        case "getMethod" -> method;
                        case "getHeader" -> headers.containsKey(args[0]) ? headers.get(args[0]).get(0) : null;
                        case "getHeaders" -> Collections.enumeration(headers.getOrDefault(args[0], List.of()));
                        case "getAttribute" -> attributes.get(args[0]);
                        case "isAsyncSupported" -> false;
                        case "getUserPrincipal" -> {
                            principalReads.incrementAndGet();
                            yield principal;
                        }
                        case "toString" -> "FakeRequest";
                        default -> throw new UnsupportedOperationException(call.getName());
                    });
        }
    }

    /** A response that keeps its status, headers and body. */
    static final class Response {

        final Map<String, List<String>> headers = new LinkedHashMap<>();
        final StringWriter body = new StringWriter();
        int status = 200;

        String header(String name) {
            List<String> values = headers.get(name);
            return values == null ? null : values.get(0);
        }

        HttpServletResponse proxy() {
            PrintWriter writer = new PrintWriter(body);
            return (HttpServletResponse) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {HttpServletResponse.class},
                    (self, call, args) -> switch (call.getName()) {
                        case "setStatus" -> {
                            status = (Integer) args[0];
                            yield null;
                        }
                        case "setHeader" -> {
                            headers.put((String) args[0], new ArrayList<>(List.of((String) args[1])));
                            yield null;
                        }
                        case "addHeader" -> {
                            headers.computeIfAbsent((String) args[0], key -> new ArrayList<>()).add((String) args[1]);
                            yield null;
                        }
                        case "setContentType", "setCharacterEncoding" -> null;
                        case "getWriter" -> writer;
                        case "toString" -> "FakeResponse";
                        default -> throw new UnsupportedOperationException(call.getName());
                    });
        }
    }
}
