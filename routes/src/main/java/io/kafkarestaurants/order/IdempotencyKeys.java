package io.kafkarestaurants.order;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * {@code Idempotency-Key} handling for {@code POST /orders}: the first request with a key claims it; a retry with
 * the same key and the same body gets the first answer back (no second record); the same key with another body,
 * or while the first is still in flight, is a conflict. Bodies are remembered as a salted SHA-256, never in clear.
 * Keys live in this api replica's memory for {@code ttl} (at most {@code maxKeys} of them).
 */
public class IdempotencyKeys {

    static final int MAX_KEY_LENGTH = 255;

    private final Cache<String, Claim> claims;
    private final byte[] salt = new byte[32];

    public IdempotencyKeys(Duration ttl, long maxKeys) {
        this.claims = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(maxKeys).build();
        new SecureRandom().nextBytes(salt);
    }

    /**
     * Claims {@code key} for this body. Returns the earlier answer to replay, or null when this request is the
     * first and must be processed (then {@link #complete} or {@link #release} must follow).
     */
    public String claim(String key, byte[] body) {
        if (key == null) {
            return null;
        }
        if (key.isBlank() || key.length() > MAX_KEY_LENGTH) {
            throw new InvalidOrderException(java.util.List.of(
                    new FieldError("Idempotency-Key", "must be 1 to " + MAX_KEY_LENGTH + " characters")));
        }
        byte[] fingerprint = fingerprint(body);
        Claim mine = new Claim(fingerprint, null);
        Claim existing = claims.asMap().putIfAbsent(key, mine);
        if (existing == null) {
            return null;
        }
        if (!Arrays.equals(existing.fingerprint(), fingerprint)) {
            throw new IdempotencyConflictException("This Idempotency-Key was already used with another order");
        }
        if (existing.answer() == null) {
            throw new IdempotencyConflictException("An order with this Idempotency-Key is still being placed");
        }
        return existing.answer();
    }

    /** Remembers the answer to replay for a key this request claimed (its body's fingerprint is already kept). */
    public void complete(String key, String answer) {
        if (key != null) {
            claims.asMap().computeIfPresent(key, (k, claim) -> new Claim(claim.fingerprint(), answer));
        }
    }

    public void release(String key) {
        if (key != null) {
            claims.asMap().computeIfPresent(key, (k, claim) -> claim.answer() == null ? null : claim);
        }
    }

    private byte[] fingerprint(byte[] body) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(salt);
            return digest.digest(body);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Claim(byte[] fingerprint, String answer) {

        @Override
        public String toString() {
            return "Claim[" + HexFormat.of().formatHex(fingerprint).substring(0, 8) + "]";
        }
    }
}
