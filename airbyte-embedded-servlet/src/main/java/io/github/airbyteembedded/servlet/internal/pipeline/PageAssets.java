package io.github.airbyteembedded.servlet.internal.pipeline;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ServiceLoader;

/**
 * The page side's asset that the filter serves beside its routes: the bootstrap script. The page side
 * implements this interface ({@code io.github.airbyteembedded.servlet.page.internal.BootstrapScriptRoute}),
 * listed in {@code META-INF/services}; the core finds it with {@link ServiceLoader}, so that it never
 * depends on the page side (dependencies point from the page to the core only).
 */
public interface PageAssets {

    /**
     * Returns the path of the bootstrap script relative to the context path; it contains a hash of the
     * script.
     *
     * @return for example {@code /airbyte-embedded/bootstrap-0123456789abcdef.js}
     */
    String bootstrapScriptPath();

    /**
     * Returns the Subresource Integrity value of the bootstrap script.
     *
     * @return {@code sha384-<base64>}
     */
    String bootstrapScriptIntegrity();

    /**
     * Answers the request when it asks for the asset ({@code GET} or {@code HEAD} at its path), and
     * touches neither the request nor the response otherwise.
     *
     * @return whether the request was answered
     */
    boolean serve(HttpServletRequest request, HttpServletResponse response) throws IOException;

    /**
     * Returns the page side's assets in this jar, found once.
     *
     * @return the assets
     * @throws IllegalStateException if the jar lost its service file (a repackaging that dropped it)
     */
    static PageAssets installed() {
        return Installed.ASSETS;
    }

    /** The one instance, loaded when first asked for. */
    final class Installed {

        static final PageAssets ASSETS = ServiceLoader.load(PageAssets.class, PageAssets.class.getClassLoader()).findFirst()
                .orElseThrow(() -> new IllegalStateException("META-INF/services/" + PageAssets.class.getName()
                        + " is missing from the airbyte-embedded-servlet jar"));

        private Installed() {
        }
    }
}
