package com.example.plainjetty;

import io.github.airbyteembedded.servlet.page.WidgetPage;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;

/** The home page: the signed-in user's name and the button that opens the Airbyte widget. */
final class HomeServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!"/".equals(request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo()))) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        String user = request.getUserPrincipal().getName();
        // tag::widget[]
        WidgetPage page = WidgetPage.of(request, response);   // the integration the filter published; sets the CSP
        response.setContentType("text/html;charset=UTF-8");
        response.getWriter().write("""
                <!DOCTYPE html>
                <html lang="en">
                <head>
                  <meta charset="utf-8">
                  <title>Your data sources</title>
                  %s
                </head>
                <body>
                  <h1>Hello, <span id="user-name">%s</span></h1>
                  %s
                </body>
                </html>
                """.formatted(page.scripts(), escape(user), page.connectButton("Connect your data", Map.of("id", "connect"))));
        // end::widget[]
    }

    /** The text of an HTML element, escaped. */
    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }
}
