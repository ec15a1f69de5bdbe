package io.github.airbyteembedded.servlet.page.internal;

import io.github.airbyteembedded.servlet.internal.pipeline.PageAssets;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Serves the bootstrap script at its content-hashed path on {@code GET} and {@code HEAD}, cacheable
 * forever. Any other request, including other methods on that path, is not this route's. The filter
 * finds it as the {@link PageAssets} of this jar ({@code META-INF/services}).
 */
public final class BootstrapScriptRoute implements PageAssets {

    static final String CACHE_CONTROL = "public, max-age=31536000, immutable";
    static final String CONTENT_TYPE = "text/javascript; charset=utf-8";

    private final BootstrapScript script;

    /** The route of the script shipped in this jar; {@link java.util.ServiceLoader} calls it. */
    public BootstrapScriptRoute() {
        this(BootstrapScript.INSTANCE);
    }

    BootstrapScriptRoute(BootstrapScript script) {
        this.script = script;
    }

    @Override
    public String bootstrapScriptPath() {
        return script.path();
    }

    @Override
    public String bootstrapScriptIntegrity() {
        return script.integrity();
    }

    @Override
    public boolean serve(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!matches(request)) {
            return false;
        }
        handle(request, response);
        return true;
    }

    boolean matches(HttpServletRequest request) {
        String method = request.getMethod();
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            return false;
        }
        String uri = request.getRequestURI();
        String contextPath = request.getContextPath() == null ? "" : request.getContextPath();
        return uri != null && uri.length() == contextPath.length() + script.path().length()
                && uri.startsWith(contextPath) && uri.endsWith(script.path());
    }

    void handle(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(CONTENT_TYPE);
        response.setHeader("Cache-Control", CACHE_CONTROL);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Cross-Origin-Resource-Policy", "same-origin");
        response.setContentLength(script.length());
        if ("HEAD".equals(request.getMethod())) {
            return;
        }
        ServletOutputStream out = response.getOutputStream();
        script.writeTo(out);
        out.flush();
    }
}
