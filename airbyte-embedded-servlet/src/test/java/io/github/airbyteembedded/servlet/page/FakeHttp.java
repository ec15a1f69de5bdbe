package io.github.airbyteembedded.servlet.page;

import io.github.airbyteembedded.servlet.AirbyteEmbedded;
import io.github.airbyteembedded.servlet.AirbyteEmbeddedConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** Minimal request, response and servlet context for rendering tests: attributes, headers, a context path. */
public final class FakeHttp {

    /** A response's headers and committed flag, as the test sets and reads them. */
    public static final class Response {
        public final Map<String, List<String>> headers = new LinkedHashMap<>();
        public boolean committed;
        public final HttpServletResponse proxy;

        Response() {
            proxy = (HttpServletResponse) Proxy.newProxyInstance(FakeHttp.class.getClassLoader(),
                    new Class<?>[] {HttpServletResponse.class}, (self, method, args) -> switch (method.getName()) {
                        case "isCommitted" -> committed;
                        case "setHeader" -> {
                            headers.put((String) args[0], new ArrayList<>(List.of((String) args[1])));
                            yield null;
                        }
                        case "addHeader" -> {
                            headers.computeIfAbsent((String) args[0], k -> new ArrayList<>()).add((String) args[1]);
                            yield null;
                        }
                        case "getHeader" -> headers.containsKey(args[0]) ? headers.get(args[0]).get(0) : null;
                        case "getHeaders" -> headers.getOrDefault(args[0], List.of());
                        case "toString" -> "FakeResponse";
                        default -> throw new UnsupportedOperationException(method.getName());
                    });
        }

        public String header(String name) {
            List<String> values = headers.get(name);
            return values == null ? null : values.get(0);
        }
    }

    private FakeHttp() {
    }

    public static AirbyteEmbedded airbyte(UnaryOperator<AirbyteEmbeddedConfig.Builder> settings) {
        return AirbyteEmbedded.create(settings.apply(AirbyteEmbeddedConfig.builder()
                .clientId("client").clientSecret("secret").allowedOrigin("https://app.example.com")).build());
    }

    public static ServletContext context(AirbyteEmbedded airbyte) {
        Map<String, Object> attributes = new HashMap<>();
        if (airbyte != null) {
            attributes.put(AirbyteEmbedded.SERVLET_CONTEXT_ATTRIBUTE, airbyte);
        }
        return (ServletContext) Proxy.newProxyInstance(FakeHttp.class.getClassLoader(), new Class<?>[] {ServletContext.class},
                (self, method, args) -> switch (method.getName()) {
                    case "getAttribute" -> attributes.get(args[0]);
                    case "toString" -> "FakeServletContext";
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    public static HttpServletRequest request(String contextPath, ServletContext context) {
        Map<String, Object> attributes = new HashMap<>();
        return (HttpServletRequest) Proxy.newProxyInstance(FakeHttp.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (self, method, args) -> switch (method.getName()) {
                    case "getAttribute" -> attributes.get(args[0]);
                    case "setAttribute" -> {
                        attributes.put((String) args[0], args[1]);
                        yield null;
                    }
                    case "getAttributeNames" -> Collections.enumeration(attributes.keySet());
                    case "getContextPath" -> contextPath;
                    case "getServletContext" -> context;
                    case "getRequestURI" -> contextPath + "/page";
                    case "toString" -> "FakeRequest";
                    case "hashCode" -> System.identityHashCode(self);
                    case "equals" -> self == args[0];
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    public static Response response() {
        return new Response();
    }
}
