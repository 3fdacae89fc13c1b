package io.kafkarestaurants.events;

import java.util.Objects;

/**
 * The card number and expiry sealed with AES-GCM ({@code ciphertext} is base64 of nonce +
 * sealed bytes); {@code keyId} names the key so keys can rotate.
 */
public record EncryptedCard(String keyId, String ciphertext) {

    public EncryptedCard {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(ciphertext, "ciphertext");
    }

    @Override
    public String toString() {
        return "EncryptedCard[keyId=" + keyId + "]";
    }
}
