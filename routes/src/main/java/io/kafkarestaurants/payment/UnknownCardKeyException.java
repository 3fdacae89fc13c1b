package io.kafkarestaurants.payment;

/**
 * Sealed card data naming a key id this service does not hold. Not poison, unlike
 * {@link CardKeyException}: it is what a rollout out of order looks like (the api sealing
 * under a new key before this replica got it, or a replica still running the old ring),
 * and a rollout that adds the key fixes it. So the stage retries it with backoff like any
 * transient failure, and dead-letters the record after the last attempt.
 */
public class UnknownCardKeyException extends RuntimeException {

    public UnknownCardKeyException(String message) {
        super(message);
    }

}
