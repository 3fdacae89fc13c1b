package io.kafkarestaurants.order;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;

/**
 * {@code Idempotency-Key} handling for {@code POST /orders} on this api replica: the
 * first request with a key claims it; a retry with the same key and the same order gets
 * the first answer back (no second record); the same key with another order, or while the
 * first is still in flight, is a conflict. What a key is remembered with is the orderId
 * {@link OrderIds} named, which already stands for the key and the canonical request (no
 * body is kept). Keys live in this replica's memory for {@code ttl} (at most
 * {@code maxKeys} of them); another replica names the same order the same without them.
 */
public class IdempotencyKeys {

    static final int MAX_KEY_LENGTH = 255;

    private final Cache<String, Claim> claims;

    IdempotencyKeys(Duration ttl, long maxKeys) {
        this.claims = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(maxKeys).build();
    }

    /**
     * Claims {@code key} for the order named {@code orderId}. Returns the earlier answer
     * to replay, or null when this request is the first and must be processed (then
     * {@link #complete} or {@link #release} must follow).
     */
    public String claim(String key, String orderId) {
        if (key == null) {
            return null;
        }
        if (key.isBlank() || key.length() > MAX_KEY_LENGTH) {
            throw new InvalidOrderException(java.util.List
                .of(new FieldError("Idempotency-Key", "must be 1 to " + MAX_KEY_LENGTH + " characters")));
        }
        Claim existing = claims.asMap().putIfAbsent(key, new Claim(orderId, null));
        if (existing == null) {
            return null;
        }
        if (!existing.orderId().equals(orderId)) {
            throw new IdempotencyConflictException("This Idempotency-Key was already used with another order");
        }
        if (existing.answer() == null) {
            throw new IdempotencyConflictException("An order with this Idempotency-Key is still being placed");
        }
        return existing.answer();
    }

    /** Remembers the answer to replay for a key this request claimed. */
    public void complete(String key, String answer) {
        if (key != null) {
            claims.asMap().computeIfPresent(key, (k, claim) -> new Claim(claim.orderId(), answer));
        }
    }

    public void release(String key) {
        if (key != null) {
            claims.asMap().computeIfPresent(key, (k, claim) -> claim.answer() == null ? null : claim);
        }
    }

    private record Claim(String orderId, String answer) {
    }

}
