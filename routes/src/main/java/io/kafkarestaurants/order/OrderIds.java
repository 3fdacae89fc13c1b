package io.kafkarestaurants.order;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * Names a new order. With an {@code Idempotency-Key} the orderId is a name-based UUID
 * (version 5, RFC 9562) of the key and the canonical request (the
 * {@link OrderRequest#normalized() normalized} order as JSON, properties in alphabetical
 * order): every api replica names a retry of the same order the same, whatever answer or
 * timeout came before and however the client serialized it, while the same key with
 * another order names another. Without a key every order is new (a random UUID).
 *
 * <p>
 * The card number is part of the name, so another card is another order, but the orderId
 * is a SHA-1 digest of it, cut to 122 bits: it carries nothing of the number that can be
 * read back. Confirming a guess would take the client's key and every other field of the
 * order, and the name is neither stored nor logged.
 */
public class OrderIds {

    /**
     * Version 5 of the RFC 9562 URL namespace and
     * {@code https://kafka-restaurants.dev/orders}.
     */
    static final UUID NAMESPACE = nameBased(UUID.fromString("6ba7b811-9dad-11d1-80b4-00c04fd430c8"),
            "https://kafka-restaurants.dev/orders".getBytes(StandardCharsets.UTF_8));

    private final ObjectMapper canonical = JsonMapper.builder()
        .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
        .serializationInclusion(JsonInclude.Include.ALWAYS)
        .build();

    /**
     * The orderId of a valid {@code request} sent with {@code idempotencyKey} (null: none
     * was sent).
     */
    public String of(String idempotencyKey, OrderRequest request) {
        if (idempotencyKey == null) {
            return UUID.randomUUID().toString();
        }
        try {
            byte[] name = canonical.writeValueAsBytes(new Name(idempotencyKey, request.normalized()));
            return nameBased(NAMESPACE, name).toString();
        }
        catch (JsonProcessingException e) {
            throw new IllegalStateException("An order request that cannot be written as JSON", e);
        }
    }

    /**
     * RFC 9562 section 5.5: SHA-1 of the namespace's 16 bytes and the name, version 5,
     * variant 10.
     */
    static UUID nameBased(UUID namespace, byte[] name) {
        byte[] hash;
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update(ByteBuffer.allocate(16)
                .putLong(namespace.getMostSignificantBits())
                .putLong(namespace.getLeastSignificantBits())
                .array());
            hash = sha1.digest(name);
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is missing from this JVM", e);
        }
        hash[6] = (byte) ((hash[6] & 0x0f) | 0x50);
        hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
        ByteBuffer bits = ByteBuffer.wrap(hash, 0, 16);
        return new UUID(bits.getLong(), bits.getLong());
    }

    /** What names an order: the client's key and its canonical request. */
    private record Name(String idempotencyKey, OrderRequest order) {
    }

}
