package io.github.airbyteembedded.examples.legacywar;

import io.github.airbyteembedded.servlet.AirbyteEmbedded;
import io.github.airbyteembedded.servlet.ConnectedSource;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import javax.servlet.http.HttpSession;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The signed-in user's data sources: {@code GET /sources} lists them (through the library's Java API)
 * on a JSP page with the connect button, {@code POST /sources} with {@code id} disconnects one. The
 * user's workspace is their principal, resolved by the library, never a request parameter.
 */
public class SourcesServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final String CSRF = "csrf";

    private static AirbyteEmbedded airbyte(HttpServletRequest request) {
        return (AirbyteEmbedded) request.getServletContext().getAttribute(AirbyteEmbedded.SERVLET_CONTEXT_ATTRIBUTE);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        String workspace = airbyte(request).workspaceName(request).orElseThrow(() -> new ServletException("not signed in"));
        List<ConnectedSource> sources = await(airbyte(request).sources().list(workspace));
        request.setAttribute("sources", sources);
        request.setAttribute(CSRF, csrfToken(request.getSession()));
        request.getRequestDispatcher("/WEB-INF/jsp/sources.jsp").forward(request, response);
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        HttpSession session = request.getSession(false);
        String expected = session == null ? null : (String) session.getAttribute(CSRF);
        String given = request.getParameter(CSRF);
        if (expected == null || given == null
                || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8))) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN);
            return;
        }
        String workspace = airbyte(request).workspaceName(request).orElseThrow(() -> new ServletException("not signed in"));
        String id = request.getParameter("id");
        if (id != null) {
            await(airbyte(request).sources().disconnect(workspace, id)); // false when it is not this user's source
        }
        response.sendRedirect(request.getContextPath() + "/sources");
    }

    private static String csrfToken(HttpSession session) {
        String token = (String) session.getAttribute(CSRF);
        if (token == null) {
            byte[] bytes = new byte[24];
            new SecureRandom().nextBytes(bytes);
            token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            session.setAttribute(CSRF, token);
        }
        return token;
    }

    private static <T> T await(java.util.concurrent.CompletableFuture<T> call) throws ServletException {
        try {
            return call.get(15, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServletException("interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new ServletException("Airbyte did not answer", e);
        }
    }
}
