package io.kafkarestaurants.bankmock;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.common.Json;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.HttpHeaders;
import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * An answer the bank mock gives itself instead of a stub's: a status and a JSON body, at
 * once (no stub delay).
 */
record Answer(int status, String body, boolean replayed) {

    /**
     * The header that marks the decision given again (as Stripe's idempotent requests
     * do).
     */
    static final String REPLAYED = "Idempotent-Replayed";

    private static final String KEY_REUSED = "{\"status\":\"INVALID\",\"reason\":\"idempotency_key_reused\"}";

    private static final String NO_SUCH_PAYMENT = "{\"error\":\"no_such_payment\"}";

    /**
     * The decision for a key, given again to a request with the same body; a different
     * body is refused.
     */
    static Answer repeat(Payment decided, BankCall call) {
        if (!decided.answers(call)) {
            return new Answer(422, KEY_REUSED, false);
        }
        return new Answer(decided.httpStatus(), decided.body(), true);
    }

    static Answer lookup(Optional<Payment> decided) {
        return decided.map(payment -> new Answer(200, json(payment.lookupBody()), false))
            .orElseGet(() -> new Answer(404, NO_SUCH_PAYMENT, false));
    }

    static Answer payments(List<Payment> decided) {
        return new Answer(200, json(decided.stream().map(Payment::view).toList()), false);
    }

    ResponseDefinition definition() {
        return ResponseDefinitionBuilder.responseDefinition()
            .withStatus(status)
            .withHeaders(headers())
            .withBody(body)
            .build();
    }

    Response response() {
        return Response.response().status(status).headers(headers()).body(body).build();
    }

    private HttpHeaders headers() {
        HttpHeaders headers = new HttpHeaders(new HttpHeader("Content-Type", "application/json"));
        return replayed ? headers.plus(new HttpHeader(REPLAYED, "true")) : headers;
    }

    private static String json(Object value) {
        return new String(Json.toByteArray(value), StandardCharsets.UTF_8);
    }
}
