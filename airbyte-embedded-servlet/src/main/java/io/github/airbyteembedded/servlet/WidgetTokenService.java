package io.github.airbyteembedded.servlet;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Mints widget tokens: takes the cached operator token and asks Airbyte for a widget token bound to
 * a workspace and an origin. When Airbyte refuses the operator token (it was revoked or expired
 * early), the token is dropped from the cache and the call is made once more with a fresh one.
 */
final class WidgetTokenService {

    private final AirbyteApiClient client;
    private final OperatorTokenCache operatorTokens;

    WidgetTokenService(AirbyteApiClient client, OperatorTokenCache operatorTokens) {
        this.client = client;
        this.operatorTokens = operatorTokens;
    }

    CompletableFuture<WidgetToken> mint(String workspaceName, Origin origin) {
        return operatorTokens.get().thenCompose(operatorToken ->
                client.createWidgetToken(operatorToken, workspaceName, origin)
                        .exceptionallyCompose(failure -> {
                            if (!isOperatorTokenRejected(failure)) {
                                return CompletableFuture.failedFuture(failure);
                            }
                            operatorTokens.invalidate(operatorToken);
                            return operatorTokens.get().thenCompose(fresh ->
                                    client.createWidgetToken(fresh, workspaceName, origin));
                        }));
    }

    private static boolean isOperatorTokenRejected(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        return cause instanceof UpstreamException upstream && upstream.isOperatorTokenRejected();
    }
}
