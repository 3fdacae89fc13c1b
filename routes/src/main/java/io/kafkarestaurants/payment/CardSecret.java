package io.kafkarestaurants.payment;

/**
 * A card number (digits only) and expiry in clear: exists only at intake and for the bank
 * call.
 */
public record CardSecret(String number, String expiry) {

    @Override
    public String toString() {
        return "CardSecret[****]";
    }
}
