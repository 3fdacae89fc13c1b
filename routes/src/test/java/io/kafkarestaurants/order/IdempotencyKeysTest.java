package io.kafkarestaurants.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.kafkarestaurants.Orders;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdempotencyKeysTest {

    private static final String KEY = "order-attempt-1";

    /** The orderIds OrderIds names for this key with one order, and with another. */
    private static final String ORDER = "5d1c2b1e-8f0a-5b7e-9c3d-2a4e6f8b0c1d";

    private static final String OTHER_ORDER = "a9e1f3c5-2b4d-5f6a-8b0c-1d3e5f7a9b2c";

    private static final String ANSWER = "{\"orderId\":\"" + ORDER + "\",\"status\":\"RECEIVED\"}";

    private final IdempotencyKeys keys = new IdempotencyKeys(Duration.ofHours(24), 1000);

    @Test
    void firstClaimMustBeProcessed() {
        assertThat(keys.claim(KEY, ORDER)).isNull();
    }

    @Test
    void retryWithTheSameOrderAfterCompletionGetsTheEarlierAnswer() {
        keys.claim(KEY, ORDER);
        keys.complete(KEY, ANSWER);

        assertThat(keys.claim(KEY, new String(ORDER))).isEqualTo(ANSWER);
        assertThat(keys.claim(KEY, ORDER)).as("every retry").isEqualTo(ANSWER);
    }

    @Test
    void sameKeyWithAnotherOrderIsAConflict() {
        keys.claim(KEY, ORDER);
        keys.complete(KEY, ANSWER);

        assertThatThrownBy(() -> keys.claim(KEY, OTHER_ORDER)).isInstanceOf(IdempotencyConflictException.class)
            .hasMessageContaining("another order");
    }

    @Test
    void sameKeyWithAnotherOrderWhileInFlightIsAConflict() {
        keys.claim(KEY, ORDER);

        assertThatThrownBy(() -> keys.claim(KEY, OTHER_ORDER)).isInstanceOf(IdempotencyConflictException.class);
    }

    @Test
    void sameKeyWhileTheFirstIsInFlightIsAConflict() {
        keys.claim(KEY, ORDER);

        assertThatThrownBy(() -> keys.claim(KEY, ORDER)).isInstanceOf(IdempotencyConflictException.class)
            .hasMessageContaining("still being placed");
    }

    @Test
    void releaseFreesAnInFlightClaim() {
        keys.claim(KEY, ORDER);

        keys.release(KEY);

        assertThat(keys.claim(KEY, OTHER_ORDER)).as("the key can be claimed afresh").isNull();
    }

    @Test
    void releaseKeepsACompletedClaim() {
        keys.claim(KEY, ORDER);
        keys.complete(KEY, ANSWER);

        keys.release(KEY);

        assertThat(keys.claim(KEY, ORDER)).isEqualTo(ANSWER);
    }

    @Test
    void releaseOfAnUnknownKeyChangesNothing() {
        keys.release("never-claimed");

        assertThat(keys.claim("never-claimed", ORDER)).isNull();
    }

    @Test
    void keysAreIndependent() {
        keys.claim(KEY, ORDER);

        assertThat(keys.claim("another-key", ORDER)).isNull();
    }

    @Test
    void replicasDoNotShareKeys() {
        IdempotencyKeys otherReplica = new IdempotencyKeys(Duration.ofHours(24), 1000);
        keys.claim(KEY, ORDER);
        keys.complete(KEY, ANSWER);

        assertThat(otherReplica.claim(KEY, ORDER)).isNull();
    }

    /**
     * What makes a retry on another replica harmless: it is placed again, under the same
     * orderId.
     */
    @Test
    void aRetryOnAnotherReplicaPlacesTheSameOrder() {
        OrderRequest typed = Orders.anOrder().card("4242 4242 4242 4242", " 12/30").build();
        OrderRequest reTyped = Orders.anOrder().card("4242-4242-4242-4242", "12/30").build();
        Replica first = new Replica();
        Replica second = new Replica();

        String orderId = first.names(KEY, typed);
        assertThat(first.keys().claim(KEY, orderId)).isNull();
        first.keys().complete(KEY, ANSWER);
        String retried = second.names(KEY, reTyped);

        assertThat(retried).isEqualTo(orderId);
        assertThat(second.keys().claim(KEY, retried)).as("placed again, under the same orderId").isNull();
        assertThat(first.keys().claim(KEY, first.names(KEY, reTyped))).as("replayed where it was answered")
            .isEqualTo(ANSWER);
    }

    /**
     * Two clients that pick the same key: where the key is remembered, a 409; anywhere
     * else, another order.
     */
    @Test
    void theSameKeyWithAnotherOrderIsAnotherOrderOnAnotherReplica() {
        OrderRequest other = Orders.anOrder().email("bob@example.com").build();
        Replica first = new Replica();
        Replica second = new Replica();
        String orderId = first.names(KEY, Orders.pickupOrder());
        first.keys().claim(KEY, orderId);
        first.keys().complete(KEY, ANSWER);

        String otherId = second.names(KEY, other);

        assertThat(otherId).isNotEqualTo(orderId);
        assertThat(second.keys().claim(KEY, otherId)).isNull();
        assertThatThrownBy(() -> first.keys().claim(KEY, first.names(KEY, other)))
            .isInstanceOf(IdempotencyConflictException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = { "", " ", "\t" })
    void blankKeyIsAnInvalidOrder(String key) {
        InvalidOrderException e = catchThrowableOfType(InvalidOrderException.class, () -> keys.claim(key, ORDER));

        assertThat(e.errors()).extracting(FieldError::field).containsExactly("Idempotency-Key");
    }

    @Test
    void keyOf256CharactersIsAnInvalidOrder() {
        InvalidOrderException e = catchThrowableOfType(InvalidOrderException.class,
                () -> keys.claim("k".repeat(256), ORDER));

        assertThat(e.errors()).containsExactly(new FieldError("Idempotency-Key", "must be 1 to 255 characters"));
    }

    @Test
    void keyOf255CharactersIsAccepted() {
        String key = "k".repeat(255);
        keys.claim(key, ORDER);
        keys.complete(key, ANSWER);

        assertThat(keys.claim(key, ORDER)).isEqualTo(ANSWER);
    }

    @Test
    void noKeyMeansNoIdempotency() {
        assertThat(keys.claim(null, ORDER)).isNull();
        keys.complete(null, ANSWER);

        assertThat(keys.claim(null, ORDER)).as("nothing remembered").isNull();
    }

    /**
     * One api replica's intake: its own memory of keys, and the naming every replica
     * shares.
     */
    private record Replica(IdempotencyKeys keys, OrderIds ids) {

        Replica() {
            this(new IdempotencyKeys(Duration.ofHours(24), 1000), new OrderIds());
        }

        String names(String key, OrderRequest request) {
            return ids.of(key, request);
        }
    }

}
