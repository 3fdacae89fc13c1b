package io.kafkarestaurants.payment;

/**
 * The bank answered with a status its contract does not define (e.g. 401, 404): retried,
 * then FAILED.
 */
public class BankProtocolException extends RuntimeException {

    public BankProtocolException(String message) {
        super(message);
    }

}
