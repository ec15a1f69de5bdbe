package io.github.airbyteembedded.sample;

import io.github.airbyteembedded.servlet.AirbyteEmbedded;
import io.github.airbyteembedded.servlet.ConnectedSource;
import io.github.airbyteembedded.servlet.page.WidgetPage;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.security.Principal;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.servlet.ModelAndView;

/**
 * The home page, {@code /}: the "Connect your data" button and the signed-in user's connected sources,
 * read on the server through {@link AirbyteEmbedded#sources()} for that user's workspace only; and
 * {@code /sources}, the same list as an HTML fragment, which the page fetches to refresh the list
 * without reloading when the server has confirmed a new source.
 *
 * <p>Both answer asynchronously: no container thread waits on Airbyte. When Airbyte cannot be asked,
 * the page still renders, with a notice in place of the list.
 */
@Controller
class HomeController {

    private static final Logger LOG = LoggerFactory.getLogger(HomeController.class);
    private static final String CSP_HEADER = "Content-Security-Policy";

    private final AirbyteEmbedded airbyte;
    private final boolean emulator;
    private final Clock clock = Clock.systemUTC();

    HomeController(AirbyteEmbedded airbyte, @Value("${airbyte.embedded.emulator:false}") boolean emulator) {
        this.airbyte = airbyte;
        this.emulator = emulator;
    }

    @GetMapping("/")
    CompletableFuture<ModelAndView> home(HttpServletRequest request, HttpServletResponse response, Principal principal) {
        // The page's one policy: the application's, with what the widget needs on this request (its nonce,
        // script URL, style hash and frame) merged in. Set before the page renders; Spring Security's own
        // CSP writer then leaves it alone.
        // tag::merged-csp[]
        WidgetPage page = WidgetPage.of(request, response, airbyte);
        response.setHeader(CSP_HEADER, page.contentSecurityPolicy().mergeInto(SampleSecurityConfiguration.CONTENT_SECURITY_POLICY));
        // end::merged-csp[]
        String user = principal.getName();
        return sources(request).thenApply(model -> {
            model.put("userName", user);
            model.put("userInitial", user.substring(0, 1).toUpperCase(Locale.ROOT));
            model.put("sourcesFragmentPath", request.getContextPath() + "/sources");
            model.put("sourcesApiPath", request.getContextPath() + airbyte.config().sourcesPath());
            model.put("emulatorUrl", emulator ? airbyte.config().apiBaseUri().toString() : null);
            return new ModelAndView("home", model);
        });
    }

    @GetMapping(path = "/sources", produces = MediaType.TEXT_HTML_VALUE)
    CompletableFuture<ModelAndView> sourcesFragment(HttpServletRequest request) {
        return sources(request).thenApply(model -> new ModelAndView("home :: sources", model));
    }

    /** The user's sources, newest first, or a notice when Airbyte could not be asked. */
    private CompletableFuture<Map<String, Object>> sources(HttpServletRequest request) {
        Optional<String> workspace = airbyte.workspaceName(request);
        CompletableFuture<List<ConnectedSource>> listed = workspace.isPresent()
                ? airbyte.sources().list(workspace.get())
                : CompletableFuture.completedFuture(List.of());
        return listed.handle((sources, failure) -> {
            Map<String, Object> model = new HashMap<>();
            if (failure != null) {
                LOG.warn("Could not list the connected sources: {}", failure.toString());
                model.put("sources", List.of());
                model.put("sourcesUnavailable", true);
                return model;
            }
            Instant now = clock.instant();
            model.put("sources", sources.stream().map(source -> ConnectedSourceView.of(source, now)).toList());
            model.put("sourcesUnavailable", false);
            return model;
        });
    }
}
