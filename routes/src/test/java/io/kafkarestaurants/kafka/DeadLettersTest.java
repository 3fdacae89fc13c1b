package io.kafkarestaurants.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafkarestaurants.events.InvalidEventException;
import io.kafkarestaurants.payment.BankProtocolException;
import io.kafkarestaurants.payment.CardKeyException;
import io.kafkarestaurants.payment.UnknownCardKeyException;
import io.kafkarestaurants.status.FailureReasons;
import jakarta.mail.MessagingException;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;
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

        assertThat(deadLetters.exceptionClass(wrapped)).isEqualTo("io.kafkarestaurants.events.InvalidEventException");
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

        assertThat(deadLetters.exceptionMessage(new IllegalStateException(message))).hasSize(500)
            .doesNotContain("the rest");
    }

    /**
     * A bank that answers an error with the card it was sent: the header names the status
     * and the URI only.
     */
    @Test
    void failedHttpCallIsToldByItsStatusAndUriNeverByWhatTheServerAnswered() {
        String body = "{\"error\":\"processing_error\",\"echo\":{\"card\":{\"number\":\"4242424242424242\"}}}";
        Throwable failure = new RuntimeException("charge failed",
                new HttpOperationFailedException("http://bank:8089/v1/payments", 500, "Card 4242 4242 4242 4242 failed",
                        null, Map.of("X-Card", "4242424242424242"), body));

        assertThat(deadLetters.exceptionMessage(failure)).isEqualTo("HTTP 500 from http://bank:8089/v1/payments");
    }

    @Test
    void aCardNumberAnyOtherMessageQuotesIsCutToItsLastFour() {
        Throwable failure = new IllegalStateException("unreadable answer {\"number\":\"4000-0000-0000-0002\"}");

        assertThat(deadLetters.exceptionMessage(failure)).isEqualTo("unreadable answer {\"number\":\"****0002\"}");
    }

    /**
     * Whatever a stage gave up for, the record consumed again finds that reason (and only
     * for its own key).
     */
    @Test
    void everyReasonAStageCanGiveUpForIsRememberedAndFoundAgain() throws Exception {
        MemoryIdempotentRepository memory = new MemoryIdempotentRepository();
        memory.start();
        List<Throwable> failures = List.of(new BankProtocolException("x"), new MessagingException("x"),
                new CardKeyException("x"), new UnknownCardKeyException("x"), new IOException("x"),
                new IllegalStateException("x"));

        for (int i = 0; i < failures.size(); i++) {
            deadLetters.rememberGivenUp(memory, "order-" + i, failures.get(i));
        }

        for (int i = 0; i < failures.size(); i++) {
            assertThat(deadLetters.givenUpReason(memory, "order-" + i)).isEqualTo(FailureReasons.of(failures.get(i)));
        }
        assertThat(failures.stream().map(FailureReasons::of)).containsExactlyInAnyOrderElementsOf(FailureReasons.ALL);
        assertThat(deadLetters.givenUpReason(memory, "another-order")).isNull();
        assertThat(memory.contains("order-0")).as("given up is not done").isFalse();
    }

}
