package io.kafkarestaurants.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kafkarestaurants.Orders;
import io.kafkarestaurants.events.CardSummary;
import io.kafkarestaurants.events.Fulfilment;
import io.kafkarestaurants.events.Money;
import io.kafkarestaurants.events.OrderDeclined;
import io.kafkarestaurants.events.OrderPaid;
import io.kafkarestaurants.events.OrderPlaced;
import io.kafkarestaurants.events.OrderStatus;
import io.kafkarestaurants.events.OrderStatusChanged;
import io.kafkarestaurants.events.RestaurantRef;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The order view's rules, through its real topology: snapshots only move forward,
 * listeners hear accepted changes, an order this replica has just placed is found before
 * the store has it, the retention finds old terminal orders.
 */
class OrderStatusStoreTest {

    private static final Instant LATER = Orders.NOW.plusSeconds(60);

    private final StatusEvents events = new StatusEvents(Orders.clockAt(LATER));

    /**
     * order_status records go through the view's real topology (Kafka Streams' test
     * driver, RocksDB).
     */
    private final DrivenOrderView view = new DrivenOrderView();

    private final List<OrderStatusChanged> repaired = new ArrayList<>();

    private final OrderStatusStore store = new OrderStatusStore(view, view.mapper(), Duration.ofMinutes(2),
            repaired::add);

    private final OrderPlaced placed = Orders.placed();

    private final OrderPaid paid = Orders.paid(placed);

    @Test
    void firstSnapshotOfAnOrderIsAccepted() {
        view.publish(events.received(placed));

        assertThat(store.find(placed.orderId()))
            .hasValueSatisfying(snapshot -> assertThat(snapshot.status()).isEqualTo(OrderStatus.RECEIVED));
    }

    @Test
    void anOrderIsPastReceivedOnceAStageHadIt() {
        assertThat(store.pastReceived(placed.orderId())).as("unknown").isNull();
        view.publish(events.received(placed));
        assertThat(store.pastReceived(placed.orderId())).as("RECEIVED only").isNull();

        view.publish(events.decided(paid));

        assertThat(store.pastReceived(placed.orderId())).extracting(OrderStatusChanged::status)
            .isEqualTo(OrderStatus.PAID);
    }

    @Test
    void newerSnapshotsReplaceOlderOnes() {
        view.publish(events.received(placed));

        view.publish(events.decided(paid));
        assertThat(store.view(placed.orderId()).status()).isEqualTo(OrderStatus.PAID);
        view.publish(events.confirmed(paid, Orders.TRACE_ID));

        assertThat(store.view(placed.orderId()).status()).isEqualTo(OrderStatus.CONFIRMED);
    }

    @Test
    void staleSnapshotThatArrivesLateIsIgnored() {
        view.publish(events.decided(paid));

        view.publish(events.received(placed));

        assertThat(store.view(placed.orderId()).status()).isEqualTo(OrderStatus.PAID);
        assertThat(store.view(placed.orderId()).history()).hasSize(2);
    }

    @Test
    void sameSnapshotAgainIsNotAChange() {
        List<OrderStatusChanged> heard = new ArrayList<>();
        view.publish(events.decided(paid));
        store.listen(heard::add);

        view.publish(events.decided(paid));

        assertThat(heard).isEmpty();
    }

    @Test
    void notifiedDeclineReplacesThePlainDecline() {
        OrderDeclined declined = Orders.declined(placed, "card_declined");
        view.publish(events.decided(declined));

        view.publish(events.declineNotified(declined));

        OrderView answer = store.view(placed.orderId());
        assertThat(answer.status()).isEqualTo(OrderStatus.DECLINED);
        assertThat(answer.notified()).isTrue();
    }

    @Test
    void plainDeclineArrivingAfterTheNotifiedOneIsIgnored() {
        OrderDeclined declined = Orders.declined(placed, "card_declined");
        view.publish(events.declineNotified(declined));

        view.publish(events.decided(declined));

        assertThat(store.view(placed.orderId()).notified()).isTrue();
    }

    @Test
    void ordersAreKeptApart() {
        OrderPlaced other = Orders.placed();
        view.publish(events.decided(paid));

        view.publish(events.received(other));

        assertThat(store.view(placed.orderId()).status()).isEqualTo(OrderStatus.PAID);
        assertThat(store.view(other.orderId()).status()).isEqualTo(OrderStatus.RECEIVED);
    }

    @Test
    void viewMapsTheSnapshot() {
        view.publish(events.confirmed(paid, Orders.TRACE_ID));

        OrderView answer = store.view(placed.orderId());

        assertThat(answer.orderId()).isEqualTo(placed.orderId());
        assertThat(answer.status()).isEqualTo(OrderStatus.CONFIRMED);
        assertThat(answer.reason()).isNull();
        assertThat(answer.restaurant()).isEqualTo(new RestaurantRef(Orders.TRATTORIA, "Trattoria Test"));
        assertThat(answer.items()).containsExactly(new OrderView.Item(Orders.MARGHERITA, "Margherita", 2, "9.50"),
                new OrderView.Item(Orders.TIRAMISU, "Tiramisu", 1, "6.25"));
        assertThat(answer.total()).isEqualTo(new Money("25.25", "EUR"));
        assertThat(answer.card()).isEqualTo(new CardSummary("visa", "4242"));
        assertThat(answer.fulfilment()).isEqualTo(new Fulfilment("pickup", null));
        assertThat(answer.history()).extracting(OrderView.Entry::status)
            .containsExactly(OrderStatus.RECEIVED, OrderStatus.PAID, OrderStatus.CONFIRMED);
        assertThat(answer.history().get(0).at()).isEqualTo(Orders.NOW);
        assertThat(answer.notified()).isTrue();
    }

    @Test
    void viewOfADeclineCarriesTheReason() {
        view.publish(events.decided(Orders.declined(placed, "insufficient_funds")));

        OrderView answer = store.view(placed.orderId());

        assertThat(answer.reason()).isEqualTo("insufficient_funds");
        assertThat(answer.history()).last().extracting(OrderView.Entry::reason).isEqualTo("insufficient_funds");
        assertThat(answer.notified()).isFalse();
    }

    @Test
    void viewOfAnUnknownOrderIsNotFound() {
        assertThatThrownBy(() -> store.view("no-such-order")).isInstanceOf(OrderNotFoundException.class)
            .hasMessageContaining("no-such-order");
        assertThatThrownBy(() -> store.view(null)).isInstanceOf(OrderNotFoundException.class);
    }

    @Test
    void listenersHearOnlyAcceptedChanges() {
        List<OrderStatusChanged> heard = new ArrayList<>();
        store.listen(heard::add);
        OrderStatusChanged paidSnapshot = events.decided(paid);
        OrderStatusChanged confirmed = events.confirmed(paid, Orders.TRACE_ID);

        view.publish(paidSnapshot);
        view.publish(events.received(placed));
        view.publish(paidSnapshot);
        view.publish(confirmed);

        assertThat(heard).containsExactly(paidSnapshot, confirmed);
    }

    @Test
    void listenerThatStoppedListeningHearsNothingMore() {
        List<OrderStatusChanged> heard = new ArrayList<>();
        Runnable stop = store.listen(heard::add);
        view.publish(events.received(placed));

        stop.run();
        view.publish(events.decided(paid));

        assertThat(heard).hasSize(1);
    }

    @Test
    void anOrderPlacedHereIsFoundBeforeTheStoreHasIt() {
        List<OrderStatusChanged> heard = new ArrayList<>();
        store.listen(heard::add);
        OrderStatusChanged received = events.received(placed);

        store.apply(received);

        assertThat(store.view(placed.orderId()).status()).isEqualTo(OrderStatus.RECEIVED);
        assertThat(view.snapshots().get(placed.orderId())).as("not in the store yet").isNull();
        assertThat(heard).containsExactly(received);
    }

    @Test
    void theStoreAnswersOnceItHasANewerSnapshotThanTheOnePlacedHere() {
        store.apply(events.received(placed));

        view.publish(events.decided(paid));
        store.apply(events.received(placed));

        assertThat(store.view(placed.orderId()).status()).isEqualTo(OrderStatus.PAID);
        assertThat(store.pastReceived(placed.orderId())).isNotNull();
    }

    @Test
    void terminalOrdersOlderThanTheCutoffAreFound() {
        OrderPlaced failed = Orders.placed();
        OrderPlaced open = Orders.placed();
        OrderPlaced recent = Orders.placed();
        view.publish(events.confirmed(paid, Orders.TRACE_ID));
        view.publish(events.failed(failed, new IllegalStateException("gave up"), Orders.TRACE_ID));
        view.publish(events.decided(Orders.paid(open)));
        view.publish(new StatusEvents(Orders.clockAt(LATER.plusSeconds(3600))).confirmed(Orders.paid(recent),
                Orders.TRACE_ID));

        assertThat(store.terminalBefore(LATER.plusSeconds(1), 10)).containsExactlyInAnyOrder(placed.orderId(),
                failed.orderId());
        assertThat(store.terminalBefore(LATER.plusSeconds(1), 1)).hasSize(1);
    }

    @Test
    void aStaleSnapshotThatLandsAfterANewerOneAsksToPublishTheNewerOneAgain() {
        OrderStatusChanged confirmed = events.confirmed(paid, Orders.TRACE_ID);
        view.publish(events.received(placed));
        view.publish(confirmed);

        view.publish(events.received(placed));

        assertThat(repaired).containsExactly(confirmed);
        assertThat(store.view(placed.orderId()).status()).isEqualTo(OrderStatus.CONFIRMED);
    }

    @Test
    void theSameSnapshotAgainAsksForNoRepair() {
        OrderStatusChanged confirmed = events.confirmed(paid, Orders.TRACE_ID);
        view.publish(confirmed);

        view.publish(confirmed);

        assertThat(repaired).isEmpty();
    }

    @AfterEach
    void closeView() {
        view.close();
    }

}
