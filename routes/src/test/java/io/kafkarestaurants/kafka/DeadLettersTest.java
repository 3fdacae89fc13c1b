package io.kafkarestaurants.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafkarestaurants.events.InvalidEventException;
import org.junit.jupiter.api.Test;

class DeadLettersTest {

    private final DeadLetters deadLetters = new DeadLetters();

    @Test
    void exceptionClassIsTheFullName() {
        assertThat(deadLetters.exceptionClass(new InvalidEventException("x")))
                .isEqualTo("io.kafkarestaurants.events.InvalidEventException");
    }

    @Test
    void wrappedFailureIsNamedByItsRootCause() {
        Throwable wrapped = new RuntimeException("Exception occurred during execution on the exchange",
                new IllegalStateException("bean failed", new InvalidEventException("OrderPaid needs an orderId")));

        assertThat(deadLetters.exceptionClass(wrapped))
                .isEqualTo("io.kafkarestaurants.events.InvalidEventException");
        assertThat(deadLetters.exceptionMessage(wrapped)).isEqualTo("OrderPaid needs an orderId");
    }

    @Test
    void missingFailureIsUnknown() {
        assertThat(deadLetters.exceptionClass(null)).isEqualTo("unknown");
        assertThat(deadLetters.exceptionMessage(null)).isEmpty();
    }

    @Test
    void shortMessageIsKept() {
        assertThat(deadLetters.exceptionMessage(new IllegalStateException("no orderId"))).isEqualTo("no orderId");
    }

    @Test
    void missingMessageIsEmpty() {
        assertThat(deadLetters.exceptionMessage(new IllegalStateException())).isEmpty();
    }

    @Test
    void longMessageIsCutTo500Characters() {
        String message = "m".repeat(500) + "the rest";

        assertThat(deadLetters.exceptionMessage(new IllegalStateException(message)))
                .hasSize(500)
                .doesNotContain("the rest");
    }
}
