package io.kafkarestaurants.order;

/**
 * An {@code Idempotency-Key} reused with another body, or while its first request is
 * still running: 409.
 */
public class IdempotencyConflictException extends RuntimeException {

    IdempotencyConflictException(String message) {
        super(message);
    }

}
