package io.kafkarestaurants.payment;

import io.kafkarestaurants.events.EncryptedCard;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Seals card data for the {@code order} topic with AES-256-GCM: a fresh 96-bit nonce per
 * seal, the orderId as associated data (a sealed card cannot be moved to another order),
 * and the key id beside the ciphertext. Seals under the ring's active key, opens under
 * whichever key of the ring the sealed card names.
 */
public class CardCipher {

    private static final String TRANSFORMATION = "AES/GCM/NoPadding";

    private static final int NONCE_BYTES = 12;

    private static final int TAG_BITS = 128;

    private static final char SEPARATOR = '|';

    private final CardKeyRing ring;

    private final SecureRandom random = new SecureRandom();

    public CardCipher(CardKeyRing ring) {
        this.ring = ring;
    }

    public EncryptedCard seal(String orderId, CardSecret card) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        byte[] plain = (card.number() + SEPARATOR + card.expiry()).getBytes(StandardCharsets.UTF_8);
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, ring.active(), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(orderId.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plain);
            byte[] out = ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array();
            return new EncryptedCard(ring.activeKeyId(), Base64.getEncoder().encodeToString(out));
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot seal card data", e);
        }
    }

    public CardSecret open(String orderId, EncryptedCard sealed) {
        SecretKey key = ring.key(sealed.keyId())
            .orElseThrow(() -> new UnknownCardKeyException("Card of order " + orderId + " sealed with key "
                    + CardKeyRing.shown(sealed.keyId()) + ", this service holds " + ring.ids()));
        try {
            byte[] in = Base64.getDecoder().decode(sealed.ciphertext());
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
            cipher.updateAAD(orderId.getBytes(StandardCharsets.UTF_8));
            String plain = new String(cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES), StandardCharsets.UTF_8);
            int at = plain.indexOf(SEPARATOR);
            return new CardSecret(plain.substring(0, at), plain.substring(at + 1));
        }
        catch (GeneralSecurityException | java.security.ProviderException | IllegalArgumentException
                | IndexOutOfBoundsException e) {
            throw new CardKeyException("Card data of order " + orderId + " cannot be opened with key "
                    + CardKeyRing.shown(sealed.keyId()));
        }
    }

}
