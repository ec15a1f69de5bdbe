package io.github.airbyteembedded.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * A JFR recording's execution samples (Java threads running Java code), each given to one layer of
 * the stack: walking its stack from the running frame towards the thread's start, the first frame
 * whose class belongs to a layer names it. So JSON parsing called by our code counts as JSON, and our
 * code called by Spring Security as ours: the time is where it is spent. Frames of the JDK's own
 * {@code java.*} classes are looked through; a sample with no layer at all is "JDK (other)".
 */
final class JfrLayers {

    static final String OURS = "ours: filter, routes, calls to Airbyte (io.github.airbyteembedded.servlet)";

    /** Class-name prefixes of each layer, in the order they are tried on each frame. */
    private static final Map<String, List<String>> LAYERS = new LinkedHashMap<>();

    static {
        LAYERS.put("JSON (Jackson)", List.of("com.fasterxml.jackson.", "tools.jackson."));
        LAYERS.put("logging (Logback, SLF4J, JUL, System.Logger)", List.of("ch.qos.logback.", "org.slf4j.",
                "org.apache.logging.", "java.util.logging.", "jdk.internal.logger.", "sun.util.logging."));
        LAYERS.put("metrics (Micrometer)", List.of("io.micrometer.", "org.HdrHistogram."));
        LAYERS.put("HTTP client (JDK HttpClient)", List.of("jdk.internal.net.http.", "java.net.http."));
        LAYERS.put("caches (Caffeine, used by ours)", List.of("com.github.benmanes.caffeine."));
        LAYERS.put(OURS, List.of("io.github.airbyteembedded.servlet."));
        LAYERS.put("the benchmark's routes (baselines, no-op)", List.of("io.github.airbyteembedded.bench."));
        LAYERS.put("Spring Security and the session", List.of("org.springframework.security.", "org.apache.catalina.session.",
                "org.springframework.session."));
        LAYERS.put("Spring (web, MVC, Boot, actuator)", List.of("org.springframework."));
        LAYERS.put("Thymeleaf", List.of("org.thymeleaf.", "org.attoparser."));
        LAYERS.put("Tomcat (container, HTTP, NIO connector)", List.of("org.apache.catalina.", "org.apache.coyote.",
                "org.apache.tomcat.", "jakarta.servlet."));
    }

    static final String OTHER = "JDK (other: NIO, threads, CompletableFuture)";

    private JfrLayers() {
    }

    /**
     * Execution samples per layer, largest first, and their total; and per layer, the samples by the
     * method that placed them there (the layer's frame nearest the running one).
     */
    record Profile(Map<String, Long> samples, long total, Map<String, Map<String, Long>> methods) {
        double share(String layer) {
            return total == 0 ? Double.NaN : samples.getOrDefault(layer, 0L) / (double) total;
        }

        /** The {@code count} methods of a layer with the most samples. */
        List<Map.Entry<String, Long>> topMethods(String layer, int count) {
            return sortedDescending(methods.getOrDefault(layer, Map.of())).entrySet().stream().limit(count).toList();
        }
    }

    static Profile read(Path recording) throws IOException {
        Map<String, Long> counts = new TreeMap<>();
        Map<String, Map<String, Long>> methods = new TreeMap<>();
        long total = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
            if (!event.getEventType().getName().equals("jdk.ExecutionSample")) {
                continue;
            }
            String[] placed = layerOf(event.getStackTrace());
            counts.merge(placed[0], 1L, Long::sum);
            methods.computeIfAbsent(placed[0], layer -> new TreeMap<>()).merge(placed[1], 1L, Long::sum);
            total++;
        }
        return new Profile(sortedDescending(counts), total, methods);
    }

    private static Map<String, Long> sortedDescending(Map<String, Long> counts) {
        List<Map.Entry<String, Long>> sorted = new ArrayList<>(counts.entrySet());
        sorted.sort(Map.Entry.<String, Long>comparingByValue().reversed());
        Map<String, Long> ordered = new LinkedHashMap<>();
        sorted.forEach(entry -> ordered.put(entry.getKey(), entry.getValue()));
        return ordered;
    }

    /** The layer of a sample and the method that placed it there (for the JDK: the running method). */
    private static String[] layerOf(RecordedStackTrace stack) {
        if (stack == null || stack.getFrames().isEmpty()) {
            return new String[] {OTHER, "(no stack)"};
        }
        for (RecordedFrame frame : stack.getFrames()) {
            if (!frame.isJavaFrame() || frame.getMethod() == null || frame.getMethod().getType() == null) {
                continue;
            }
            String type = frame.getMethod().getType().getName();
            for (Map.Entry<String, List<String>> layer : LAYERS.entrySet()) {
                for (String prefix : layer.getValue()) {
                    if (type.startsWith(prefix)) {
                        return new String[] {layer.getKey(), type + "." + frame.getMethod().getName()};
                    }
                }
            }
        }
        RecordedFrame top = stack.getFrames().get(0);
        return new String[] {OTHER, top.getMethod() == null ? "?" : top.getMethod().getType().getName() + "." + top.getMethod().getName()};
    }
}
