package io.kafkarestaurants.payment;

/**
 * An attempt at a charge ended without an answer (timeout, broken connection, an
 * unreadable answer) and the bank could not be asked what came of it either. Never given
 * up on: the bank may have charged the card.
 */
public class PaymentOutcomeUnknownException extends RuntimeException {

    PaymentOutcomeUnknownException(String message, Throwable cause) {
        super(message, cause);
    }

}
