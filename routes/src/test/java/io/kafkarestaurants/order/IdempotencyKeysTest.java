package io.kafkarestaurants.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdempotencyKeysTest {

    private static final String KEY = "order-attempt-1";
    private static final byte[] BODY = "{\"restaurantId\":\"amore-mio\"}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] OTHER_BODY = "{\"restaurantId\":\"sabich\"}".getBytes(StandardCharsets.UTF_8);
    private static final String ANSWER = "{\"orderId\":\"o-1\",\"status\":\"RECEIVED\"}";

    private final IdempotencyKeys keys = new IdempotencyKeys(Duration.ofHours(24), 1000);

    @Test
    void firstClaimMustBeProcessed() {
        assertThat(keys.claim(KEY, BODY)).isNull();
    }

    @Test
    void retryWithTheSameBodyAfterCompletionGetsTheEarlierAnswer() {
        keys.claim(KEY, BODY);
        keys.complete(KEY, ANSWER);

        assertThat(keys.claim(KEY, BODY.clone())).isEqualTo(ANSWER);
        assertThat(keys.claim(KEY, BODY)).as("every retry").isEqualTo(ANSWER);
    }

    @Test
    void sameKeyWithAnotherBodyIsAConflict() {
        keys.claim(KEY, BODY);
        keys.complete(KEY, ANSWER);

        assertThatThrownBy(() -> keys.claim(KEY, OTHER_BODY))
                .isInstanceOf(IdempotencyConflictException.class)
                .hasMessageContaining("another order");
    }

    @Test
    void sameKeyWithAnotherBodyWhileInFlightIsAConflict() {
        keys.claim(KEY, BODY);

        assertThatThrownBy(() -> keys.claim(KEY, OTHER_BODY)).isInstanceOf(IdempotencyConflictException.class);
    }

    @Test
    void sameKeyWhileTheFirstIsInFlightIsAConflict() {
        keys.claim(KEY, BODY);

        assertThatThrownBy(() -> keys.claim(KEY, BODY))
                .isInstanceOf(IdempotencyConflictException.class)
                .hasMessageContaining("still being placed");
    }

    @Test
    void releaseFreesAnInFlightClaim() {
        keys.claim(KEY, BODY);

        keys.release(KEY);

        assertThat(keys.claim(KEY, OTHER_BODY)).as("the key can be claimed afresh").isNull();
    }

    @Test
    void releaseKeepsACompletedClaim() {
        keys.claim(KEY, BODY);
        keys.complete(KEY, ANSWER);

        keys.release(KEY);

        assertThat(keys.claim(KEY, BODY)).isEqualTo(ANSWER);
    }

    @Test
    void releaseOfAnUnknownKeyChangesNothing() {
        keys.release("never-claimed");

        assertThat(keys.claim("never-claimed", BODY)).isNull();
    }

    @Test
    void keysAreIndependent() {
        keys.claim(KEY, BODY);

        assertThat(keys.claim("another-key", BODY)).isNull();
    }

    @Test
    void replicasDoNotShareKeys() {
        IdempotencyKeys otherReplica = new IdempotencyKeys(Duration.ofHours(24), 1000);
        keys.claim(KEY, BODY);
        keys.complete(KEY, ANSWER);

        assertThat(otherReplica.claim(KEY, BODY)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t"})
    void blankKeyIsAnInvalidOrder(String key) {
        InvalidOrderException e = catchThrowableOfType(InvalidOrderException.class, () -> keys.claim(key, BODY));

        assertThat(e.errors()).extracting(FieldError::field).containsExactly("Idempotency-Key");
    }

    @Test
    void keyOf256CharactersIsAnInvalidOrder() {
        InvalidOrderException e = catchThrowableOfType(InvalidOrderException.class,
                () -> keys.claim("k".repeat(256), BODY));

        assertThat(e.errors()).containsExactly(new FieldError("Idempotency-Key", "must be 1 to 255 characters"));
    }

    @Test
    void keyOf255CharactersIsAccepted() {
        String key = "k".repeat(255);
        keys.claim(key, BODY);
        keys.complete(key, ANSWER);

        assertThat(keys.claim(key, BODY)).isEqualTo(ANSWER);
    }

    @Test
    void noKeyMeansNoIdempotency() {
        assertThat(keys.claim(null, BODY)).isNull();
        keys.complete(null, ANSWER);

        assertThat(keys.claim(null, BODY)).as("nothing remembered").isNull();
    }
}
