package io.kafkarestaurants.payment;

/**
 * Sealed card data that the key it names does not open (tampered, corrupt, or another key
 * under that id): poison, no attempt would do better, so the order cannot be charged. A
 * key id this service does not hold at all is an {@link UnknownCardKeyException} instead.
 */
public class CardKeyException extends RuntimeException {

    public CardKeyException(String message) {
        super(message);
    }

}
