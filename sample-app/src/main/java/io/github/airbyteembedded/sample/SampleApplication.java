package io.github.airbyteembedded.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Starts the sample: {@code java -jar sample-app/target/sample-app.jar}, then open http://localhost:8080. */
@SpringBootApplication
public class SampleApplication {

    /**
     * The common pool's parallelism. On a JVM with fewer than 3 processors it is 1, and then {@code
     * CompletableFuture}'s default executor starts a new thread for every task: one per call to Airbyte,
     * where the JDK's HttpClient completes each call. With 2 it does not (benchmark 8, {@code sample}:
     * a quarter less CPU per token on 2 cores).
     */
    static final String COMMON_POOL_PARALLELISM = "java.util.concurrent.ForkJoinPool.common.parallelism";

    public static void main(String[] args) {
        if (System.getProperty(COMMON_POOL_PARALLELISM) == null && Runtime.getRuntime().availableProcessors() < 3) {
            System.setProperty(COMMON_POOL_PARALLELISM, "2");
        }
        SpringApplication.run(SampleApplication.class, args);
    }
}
