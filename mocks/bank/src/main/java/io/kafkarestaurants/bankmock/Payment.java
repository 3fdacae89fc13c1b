package io.kafkarestaurants.bankmock;

import com.github.tomakehurst.wiremock.common.Json;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The bank's decision for one Idempotency-Key: the first decided answer (201 approved,
 * 402 declined, 422 invalid) it gave, exactly as it gave it, and how often it was given
 * again or looked up since the mock started.
 */
final class Payment {

    private final String idempotencyKey;

    private final String requestSha256;

    private final int httpStatus;

    private final String body;

    private final Instant firstAt;

    private final AtomicInteger replays = new AtomicInteger();

    private final AtomicInteger lookups = new AtomicInteger();

    Payment(String idempotencyKey, String requestSha256, int httpStatus, String body, Instant firstAt) {
        this.idempotencyKey = Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        this.requestSha256 = Objects.requireNonNull(requestSha256, "requestSha256");
        this.httpStatus = httpStatus;
        this.body = Objects.requireNonNull(body, "body");
        this.firstAt = Objects.requireNonNull(firstAt, "firstAt");
        if (!decides(httpStatus)) {
            throw new IllegalArgumentException("HTTP " + httpStatus + " is not a decision of the bank");
        }
    }

    /**
     * 201, 402 and 422 decide a payment for good; any other answer (5xx above all) may be
     * retried.
     */
    static boolean decides(int httpStatus) {
        return httpStatus == 201 || httpStatus == 402 || httpStatus == 422;
    }

    String idempotencyKey() {
        return idempotencyKey;
    }

    int httpStatus() {
        return httpStatus;
    }

    String body() {
        return body;
    }

    boolean answers(BankCall call) {
        return requestSha256.equals(call.requestSha256());
    }

    void replayed() {
        replays.incrementAndGet();
    }

    void lookedUp() {
        lookups.incrementAndGet();
    }

    String status() {
        return switch (httpStatus) {
            case 201 -> "APPROVED";
            case 402 -> "DECLINED";
            default -> "INVALID";
        };
    }

    /**
     * The answer to {@code GET /v1/payments/{idempotencyKey}}: the recorded body, plus
     * its key.
     */
    Map<String, Object> lookupBody() {
        Map<String, Object> lookup = new LinkedHashMap<>(bodyFields());
        lookup.put("idempotencyKey", idempotencyKey);
        return lookup;
    }

    /** One entry of {@code GET /__admin/payments}. */
    Map<String, Object> view() {
        Map<String, Object> fields = bodyFields();
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("idempotencyKey", idempotencyKey);
        view.put("status", status());
        if (fields.get("paymentId") != null) {
            view.put("paymentId", fields.get("paymentId"));
        }
        if (fields.get("reason") != null) {
            view.put("reason", fields.get("reason"));
        }
        view.put("firstAt", firstAt.toString());
        view.put("replays", replays.get());
        view.put("lookups", lookups.get());
        return view;
    }

    /**
     * Its line in the state file: all it takes to answer the same again after a restart.
     */
    Map<String, Object> line() {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("idempotencyKey", idempotencyKey);
        line.put("requestSha256", requestSha256);
        line.put("httpStatus", httpStatus);
        line.put("body", body);
        line.put("firstAt", firstAt.toString());
        return line;
    }

    static Payment fromLine(Map<?, ?> line) {
        Object status = line.get("httpStatus");
        Object firstAt = line.get("firstAt");
        if (!(status instanceof Number) || firstAt == null) {
            throw new IllegalArgumentException("httpStatus or firstAt is missing");
        }
        return new Payment((String) line.get("idempotencyKey"), (String) line.get("requestSha256"),
                ((Number) status).intValue(), (String) line.get("body"), Instant.parse(firstAt.toString()));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> bodyFields() {
        return Json.read(body, Map.class);
    }

}
