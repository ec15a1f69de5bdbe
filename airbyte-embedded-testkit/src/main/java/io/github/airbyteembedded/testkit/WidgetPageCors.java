package io.github.airbyteembedded.testkit;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.function.Supplier;

/**
 * CORS on the API for the widget page, which the emulator serves on an origin of its own (as the vendor
 * serves {@code app.airbyte.ai} beside {@code api.airbyte.ai}): the page's calls under {@code /api/} from
 * exactly that origin get {@code Access-Control-Allow-Origin} for it, and their preflights are answered
 * here, 204, never counted, faulted or checked against the contract. Any other origin gets no CORS
 * header, so a browser refuses its cross-origin reads.
 */
final class WidgetPageCors extends Filter {

    private final Supplier<String> widgetPageOrigin;

    WidgetPageCors(Supplier<String> widgetPageOrigin) {
        this.widgetPageOrigin = widgetPageOrigin;
    }

    @Override
    public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
        String origin = exchange.getRequestHeaders().getFirst("Origin");
        if (origin == null || !origin.equals(widgetPageOrigin.get()) || !exchange.getRequestURI().getPath().startsWith("/api/")) {
            chain.doFilter(exchange);
            return;
        }
        Headers headers = exchange.getResponseHeaders();
        headers.set("Access-Control-Allow-Origin", origin);
        headers.set("Vary", "Origin");
        if ("OPTIONS".equals(exchange.getRequestMethod())
                && exchange.getRequestHeaders().getFirst("Access-Control-Request-Method") != null) {
            headers.set("Access-Control-Allow-Methods", "GET, POST, PUT, DELETE");
            headers.set("Access-Control-Allow-Headers", "Authorization, Content-Type, Accept");
            headers.set("Access-Control-Max-Age", "600");
            try (exchange) {
                exchange.getRequestBody().close();
                exchange.sendResponseHeaders(204, -1);
            }
            return;
        }
        headers.set("Access-Control-Expose-Headers", "X-Emulator-Auth-Error");
        chain.doFilter(exchange);
    }

    @Override
    public String description() {
        return "CORS on the API for the widget page's origin";
    }
}
