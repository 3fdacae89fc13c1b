package io.kafkarestaurants.order;

import io.kafkarestaurants.NotFoundException;
import io.kafkarestaurants.RequestRefusedException;

/**
 * RFC 9457 problem details for every error the REST API answers; never echoes request
 * content.
 */
public class Problems {

    public static final String MEDIA_TYPE = "application/problem+json";

    /**
     * The one home of the problem types' base URL: every problem the application answers
     * (the routes' and the live status stream's) is built here.
     */
    static final String BASE = "https://kafka-restaurants.dev/problems/";

    public Problem invalidOrder(Throwable failure) {
        InvalidOrderException e = cause(failure, InvalidOrderException.class);
        return new Problem(BASE + "invalid-order", "Invalid order", 400, "The order was not accepted; see errors.",
                e.errors());
    }

    public Problem tooLarge(Throwable failure) {
        return problem("payload-too-large", "Request body too large", 413,
                cause(failure, PayloadTooLargeException.class).getMessage());
    }

    public Problem conflict(Throwable failure) {
        return problem("idempotency-conflict", "Idempotency-Key conflict", 409,
                cause(failure, IdempotencyConflictException.class).getMessage());
    }

    public Problem notFound(Throwable failure) {
        return problem("not-found", "Not found", 404, "No "
                + cause(failure, NotFoundException.class).kind().toLowerCase(java.util.Locale.ROOT) + " with this id");
    }

    /**
     * A request refused for a reason of its own (its status, type and title), with the
     * fields at fault if any.
     */
    public Problem refused(Throwable failure) {
        RequestRefusedException e = cause(failure, RequestRefusedException.class);
        return new Problem(BASE + e.type(), e.title(), e.status(), e.getMessage(),
                e.errors().isEmpty() ? null : e.errors());
    }

    /**
     * Kafka did not acknowledge in time. Before the order was sent nothing was placed;
     * once it was sent the broker may still have appended it, so the answer says so and
     * how to retry without placing it twice.
     */
    public Problem unavailable(Boolean orderSent, String idempotencyKey) {
        String detail;
        if (!Boolean.TRUE.equals(orderSent)) {
            detail = "Orders cannot be accepted right now; nothing was placed. Retry later.";
        }
        else if (idempotencyKey != null) {
            detail = "The order may have been placed: Kafka did not confirm it in time. Retry later with the same "
                    + "Idempotency-Key and the same order: it names the same order, which is placed and charged once.";
        }
        else {
            detail = "The order may have been placed: Kafka did not confirm it in time. A retry without an "
                    + "Idempotency-Key can place it a second time: send one (a new UUID per order) and the same one "
                    + "with every retry of this order.";
        }
        return problem("unavailable", "Service unavailable", 503, detail);
    }

    /**
     * This replica is starting or stopping: nothing was done; another replica, or this
     * one a moment later, can.
     */
    Problem notReady() {
        return problem("unavailable", "Service unavailable", 503,
                "This server is starting up or shutting down; nothing was done. Retry in a moment.");
    }

    public Problem unsupportedMediaType() {
        return problem("unsupported-media-type", "Unsupported media type", 415, "Send the order as application/json");
    }

    public Problem internal() {
        return problem("internal", "Internal error", 500, "The request failed; nothing was placed.");
    }

    /**
     * The failure the error handler matched, unwrapped from the bean-invocation
     * exceptions around it.
     */
    static <T extends Throwable> T cause(Throwable failure, Class<T> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        throw new IllegalArgumentException("No " + type.getSimpleName() + " in " + failure);
    }

    private static Problem problem(String type, String title, int status, String detail) {
        return new Problem(BASE + type, title, status, detail, null);
    }

}
