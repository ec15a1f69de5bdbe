package io.github.airbyteembedded.spring.autoconfigure;

import io.github.airbyteembedded.servlet.AirbyteEmbedded;
import io.github.airbyteembedded.servlet.ErrorCode;
import io.github.airbyteembedded.servlet.OperatorTokenStatus;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Reports {@link AirbyteEmbedded#checkOperatorToken()}: whether an operator token is held or can be
 * obtained. Details are the API base URL, the state of the token, when it will be refreshed or why
 * none could be obtained (a stable error code); never the token, the secret or an upstream body.
 */
final class AirbyteEmbeddedHealthIndicator implements HealthIndicator {

    /**
     * How long a probe waits for a check that has to ask Airbyte; past that it answers {@code DOWN} with
     * {@code upstream_timeout} (an Airbyte that slow is not healthy), and the check goes on, so that a
     * later probe has its result.
     */
    static final Duration MAX_WAIT = Duration.ofSeconds(2);

    private final AirbyteEmbedded airbyte;

    AirbyteEmbeddedHealthIndicator(AirbyteEmbedded airbyte) {
        this.airbyte = airbyte;
    }

    @Override
    public Health health() {
        String apiBaseUrl = airbyte.config().apiBaseUri().toString();
        OperatorTokenStatus status;
        try {
            status = airbyte.checkOperatorToken().get(MAX_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return Health.down().withDetail("apiBaseUrl", apiBaseUrl).withDetail("operatorToken", "checking")
                    .withDetail("error", ErrorCode.UPSTREAM_TIMEOUT.code()).build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Health.unknown().withDetail("apiBaseUrl", apiBaseUrl).withDetail("operatorToken", "checking").build();
        } catch (ExecutionException e) {
            // checkOperatorToken() never completes exceptionally; say nothing more than the core would.
            return Health.down().withDetail("apiBaseUrl", apiBaseUrl).withDetail("operatorToken", "unavailable")
                    .withDetail("error", ErrorCode.INTERNAL_ERROR.code()).build();
        }
        if (status.available()) {
            Health.Builder up = Health.up().withDetail("apiBaseUrl", apiBaseUrl).withDetail("operatorToken", "available");
            status.refreshAt().ifPresent(refreshAt -> up.withDetail("refreshAt", refreshAt.toString()));
            return up.build();
        }
        return Health.down().withDetail("apiBaseUrl", apiBaseUrl).withDetail("operatorToken", "unavailable")
                .withDetail("error", status.error().map(ErrorCode::code).orElse(ErrorCode.INTERNAL_ERROR.code()))
                .withDetail("checkedAt", status.checkedAt().toString())
                .build();
    }
}
