package io.kafkarestaurants.payment;

/** Sealed card data that this service cannot open (wrong key, tampered): the order cannot be charged. */
public class CardKeyException extends RuntimeException {

    public CardKeyException(String message) {
        super(message);
    }
}
