package io.kafkarestaurants.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.kafkarestaurants.Orders;
import io.kafkarestaurants.events.OrderDeclined;
import io.kafkarestaurants.events.OrderPaid;
import io.kafkarestaurants.events.OrderPlaced;
import io.kafkarestaurants.events.OrderStatus;
import io.kafkarestaurants.events.OrderStatusChanged;
import io.kafkarestaurants.events.StatusEntry;
import io.kafkarestaurants.payment.BankProtocolException;
import io.kafkarestaurants.payment.CardKeyException;
import io.kafkarestaurants.payment.UnknownCardKeyException;
import jakarta.mail.MessagingException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class StatusEventsTest {

    /**
     * The stages publish later than the order was placed ({@link Orders#NOW}) and
     * decided.
     */
    private static final Instant LATER = Orders.NOW.plusSeconds(60);

    private final StatusEvents events = new StatusEvents(Orders.clockAt(LATER));

    private final OrderPlaced placed = Orders.placed();

    private final OrderPaid paid = Orders.paid(placed);

    private final OrderDeclined declined = Orders.declined(placed, "insufficient_funds");

    @Test
    void receivedIsTheSnapshotOfTheNewOrder() {
        OrderStatusChanged received = events.received(placed);

        assertThat(received.eventType()).isEqualTo(OrderStatusChanged.TYPE);
        assertThat(received.orderId()).isEqualTo(placed.orderId());
        assertThat(received.status()).isEqualTo(OrderStatus.RECEIVED);
        assertThat(received.reason()).isNull();
        assertThat(received.order()).isEqualTo(placed.order());
        assertThat(received.history()).isEqualTo(placed.history());
        assertThat(received.occurredAt()).isEqualTo(LATER);
        assertThat(received.notifiedAt()).isNull();
    }

    @Test
    void decidedPaidIsPaidWithTheBanksHistory() {
        OrderStatusChanged decided = events.decided(paid);

        assertThat(decided.status()).isEqualTo(OrderStatus.PAID);
        assertThat(decided.history()).isEqualTo(paid.history()).hasSize(2);
        assertThat(decided.reason()).isNull();
        assertThat(decided.notifiedAt()).isNull();
    }

    @Test
    void decidedDeclinedIsDeclinedWithTheBanksReason() {
        OrderStatusChanged decided = events.decided(declined);

        assertThat(decided.status()).isEqualTo(OrderStatus.DECLINED);
        assertThat(decided.reason()).isEqualTo("insufficient_funds");
        assertThat(decided.history()).isEqualTo(declined.history()).hasSize(2);
        assertThat(decided.notifiedAt()).isNull();
    }

    @Test
    void confirmedAppendsConfirmedAndMarksTheCustomerNotified() {
        OrderStatusChanged confirmed = events.confirmed(paid, Orders.TRACE_ID);

        assertThat(confirmed.status()).isEqualTo(OrderStatus.CONFIRMED);
        assertThat(confirmed.history()).extracting(StatusEntry::status)
            .containsExactly(OrderStatus.RECEIVED, OrderStatus.PAID, OrderStatus.CONFIRMED);
        assertThat(confirmed.history().get(2).at()).isEqualTo(LATER);
        assertThat(confirmed.notifiedAt()).isEqualTo(LATER);
    }

    @Test
    void declineNotifiedStaysDeclinedAndMarksTheCustomerNotified() {
        OrderStatusChanged notified = events.declineNotified(declined);

        assertThat(notified.status()).isEqualTo(OrderStatus.DECLINED);
        assertThat(notified.reason()).isEqualTo("insufficient_funds");
        assertThat(notified.history()).isEqualTo(declined.history());
        assertThat(notified.notifiedAt()).isEqualTo(LATER);
    }

    @Test
    void eachStepSupersedesThePreviousOne() {
        assertThat(events.received(placed).supersededBy(events.decided(paid))).isTrue();
        assertThat(events.decided(paid).supersededBy(events.confirmed(paid, Orders.TRACE_ID))).isTrue();
        assertThat(events.decided(declined).supersededBy(events.declineNotified(declined))).isTrue();
    }

    static Stream<Arguments> failures() {
        return Stream.of(
                arguments(new HttpOperationFailedException("http://bank/v1/payments", 503, "Unavailable", null,
                        Map.of(), ""), "bank_unavailable"),
                arguments(new SocketTimeoutException("Read timed out"), "bank_unavailable"),
                arguments(new ConnectException("Connection refused"), "bank_unavailable"),
                arguments(new BankProtocolException("401"), "bank_unavailable"),
                arguments(new RuntimeCamelException(new SocketTimeoutException("Read timed out")), "bank_unavailable"),
                arguments(new MessagingException("SMTP down"), "mail_unavailable"),
                arguments(new RuntimeCamelException(new MessagingException("SMTP down")), "mail_unavailable"),
                arguments(new CardKeyException("wrong key"), "card_unreadable"),
                arguments(new RuntimeCamelException(new UnknownCardKeyException("key 'next'")), "card_key_unknown"),
                arguments(new IOException("disk"), "io_error"),
                arguments(new IllegalStateException("bug"), "processing_error"),
                arguments(new RuntimeException("wrapped", new IllegalArgumentException()), "processing_error"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("failures")
    void failedNamesTheReasonOfTheFailure(Throwable failure, String reason) {
        OrderStatusChanged failed = events.failed(placed, failure, Orders.TRACE_ID);

        assertThat(failed.status()).isEqualTo(OrderStatus.FAILED);
        assertThat(failed.reason()).isEqualTo(reason);
        assertThat(failed.history()).last()
            .isEqualTo(new StatusEntry(OrderStatus.FAILED, LATER, reason, Orders.TRACE_ID));
    }

    @Test
    void failedWhileChargingAppendsToTheReceivedHistory() {
        OrderStatusChanged failed = events.failed(placed, new SocketTimeoutException(), Orders.TRACE_ID);

        assertThat(failed.history()).extracting(StatusEntry::status)
            .containsExactly(OrderStatus.RECEIVED, OrderStatus.FAILED);
        assertThat(failed.notifiedAt()).isNull();
    }

    @Test
    void failedWhileMailingAppendsToTheOutcomeHistory() {
        OrderStatusChanged failed = events.failed(paid, new MessagingException("SMTP down"), Orders.TRACE_ID);

        assertThat(failed.orderId()).isEqualTo(paid.orderId());
        assertThat(failed.reason()).isEqualTo("mail_unavailable");
        assertThat(failed.history()).extracting(StatusEntry::status)
            .containsExactly(OrderStatus.RECEIVED, OrderStatus.PAID, OrderStatus.FAILED);
    }

    /**
     * DECLINED is terminal: giving up on its mail must not give the order a second
     * terminal state.
     */
    @Test
    void aDeclinedOrderWhoseMailWasGivenUpOnStaysDeclinedAndUnnotified() {
        OrderStatusChanged failed = events.failed(declined, new MessagingException("SMTP down"), Orders.TRACE_ID);

        assertThat(failed.status()).isEqualTo(OrderStatus.DECLINED);
        assertThat(failed.reason()).isEqualTo("insufficient_funds");
        assertThat(failed.history()).extracting(StatusEntry::status)
            .containsExactly(OrderStatus.RECEIVED, OrderStatus.DECLINED);
        assertThat(failed.notifiedAt()).isNull();
    }

    @Test
    void failedAgainAfterARestartRepeatsTheReasonTheStageGaveUpFor() {
        OrderStatusChanged again = events.failed(placed,
                new io.kafkarestaurants.kafka.GivenUpBeforeException("bank_unavailable"), Orders.TRACE_ID);

        assertThat(again.status()).isEqualTo(OrderStatus.FAILED);
        assertThat(again.reason()).isEqualTo("bank_unavailable");
        assertThat(again.history()).extracting(StatusEntry::status)
            .containsExactly(OrderStatus.RECEIVED, OrderStatus.FAILED);
    }

    @Test
    void failedOfSomethingThatIsNotAnOrderEventIsRefused() {
        assertThatThrownBy(() -> events.failed("a string", new IOException(), Orders.TRACE_ID))
            .isInstanceOf(IllegalArgumentException.class);
    }

}
