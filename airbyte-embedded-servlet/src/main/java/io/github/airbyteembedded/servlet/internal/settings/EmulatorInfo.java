package io.github.airbyteembedded.servlet.internal.settings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * What the testkit's emulator says of itself at {@code /_emulator/info}, read when a setting points at a
 * loopback URL by hand: the style hash of its widget, the origin of its widget page. Anything else at a
 * loopback URL (a copy of the vendor's widget, nothing listening) gives nothing, and the defaults apply.
 */
public final class EmulatorInfo {

    private static final Logger LOG = System.getLogger(EmulatorInfo.class.getName());
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private EmulatorInfo() {
    }

    /**
     * The emulator's info at the origin of {@code url}, when that is a loopback host an emulator answers on.
     *
     * @param url any absolute URL on the emulator's API origin
     * @return the info document, or empty
     */
    public static Optional<JsonNode> at(URI url) {
        if (url.getHost() == null || !Checks.isLoopback(url.getHost())) {
            return Optional.empty();
        }
        URI info = URI.create(url.getScheme() + "://" + url.getRawAuthority() + "/_emulator/info");
        HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build();
        try {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(info).timeout(TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? Optional.of(new ObjectMapper().readTree(response.body())) : Optional.empty();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "No emulator answered at {0} ({1})", info, e.getClass().getSimpleName());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
