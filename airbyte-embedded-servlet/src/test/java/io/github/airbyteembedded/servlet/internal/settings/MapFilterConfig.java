package io.github.airbyteembedded.servlet.internal.settings;

import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A {@link FilterConfig} whose init-params are a map, for tests of web.xml configuration (in the servlet
 * module's test-jar, for the other modules' tests).
 */
public final class MapFilterConfig implements FilterConfig {

    private final Map<String, String> params = new LinkedHashMap<>();

    /** The init-params {@code params}, in their order. */
    public static MapFilterConfig of(Map<String, String> params) {
        MapFilterConfig config = new MapFilterConfig();
        params.forEach(config::with);
        return config;
    }

    public MapFilterConfig with(String name, String value) {
        params.put(name, value);
        return this;
    }

    @Override
    public String getFilterName() {
        return "airbyteEmbedded";
    }

    @Override
    public ServletContext getServletContext() {
        return null;
    }

    @Override
    public String getInitParameter(String name) {
        return params.get(name);
    }

    @Override
    public Enumeration<String> getInitParameterNames() {
        return Collections.enumeration(params.keySet());
    }
}
