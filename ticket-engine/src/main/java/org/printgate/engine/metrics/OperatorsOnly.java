package org.printgate.engine.metrics;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.StatusCodes;
import java.util.Optional;
import org.printgate.engine.auth.Authenticator;
import org.printgate.engine.auth.Credential;
import org.printgate.engine.auth.Role;
import org.printgate.ipp.MetricsPage;
import org.printgate.ipp.Unauthenticated;

/**
 * Who may read the engine's {@code /metrics}: operators, by the engine's credentials (Bearer
 * token or Basic password, {@link Authenticator}). No credential or a refused one gets 401 with
 * the engine's challenge; another role gets 403. Queue names and load are the operators'
 * business, so Prometheus scrapes with an operator's token.
 */
public final class OperatorsOnly implements MetricsPage.Gate {
    private final Authenticator authenticator;

    public OperatorsOnly(Authenticator authenticator) {
        this.authenticator = authenticator;
    }

    @Override
    public Optional<MetricsPage.Refusal> check(HttpServerExchange exchange) {
        // A Basic password costs a PBKDF2 derivation: MetricsPage asks on a worker thread.
        Credential credential;
        try {
            credential = authenticator.authenticate(exchange.getRequestHeaders().getFirst(Headers.AUTHORIZATION));
        } catch (Unauthenticated e) {
            return Optional.of(new MetricsPage.Refusal(StatusCodes.UNAUTHORIZED, "Authentication required", e.getMessage(),
                    e.challenge()));
        }
        if (credential.role() != Role.OPERATOR) {
            return Optional.of(new MetricsPage.Refusal(StatusCodes.FORBIDDEN, "Operators only",
                    credential.name() + " is not an operator", null));
        }
        return Optional.empty();
    }
}
