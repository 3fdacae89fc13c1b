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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OrderStatusStoreTest {

    private static final Instant LATER = Orders.NOW.plusSeconds(60);

    private final StatusEvents events = new StatusEvents(Orders.clockAt(LATER));
    private final OrderStatusStore store = new OrderStatusStore();
    private final OrderPlaced placed = Orders.placed();
    private final OrderPaid paid = Orders.paid(placed);

    @Test
    void firstSnapshotOfAnOrderIsAccepted() {
        store.apply(events.received(placed));

        assertThat(store.find(placed.orderId())).hasValueSatisfying(
                snapshot -> assertThat(snapshot.status()).isEqualTo(OrderStatus.RECEIVED));
    }

    @Test
    void anOrderIsPastReceivedOnceAStageHadIt() {
        assertThat(store.pastReceived(placed.orderId())).as("unknown").isNull();
        store.apply(events.received(placed));
        assertThat(store.pastReceived(placed.orderId())).as("RECEIVED only").isNull();

        store.apply(events.decided(paid));

        assertThat(store.pastReceived(placed.orderId())).extracting(OrderStatusChanged::status)
                .isEqualTo(OrderStatus.PAID);
    }

    @Test
    void newerSnapshotsReplaceOlderOnes() {
        store.apply(events.received(placed));

        store.apply(events.decided(paid));
        assertThat(store.view(placed.orderId()).status()).isEqualTo(OrderStatus.PAID);
        store.apply(events.confirmed(paid));

        assertThat(store.view(placed.orderId()).status()).isEqualTo(OrderStatus.CONFIRMED);
    }

    @Test
    void staleSnapshotThatArrivesLateIsIgnored() {
        store.apply(events.decided(paid));

        store.apply(events.received(placed));

        assertThat(store.view(placed.orderId()).status()).isEqualTo(OrderStatus.PAID);
        assertThat(store.view(placed.orderId()).history()).hasSize(2);
    }

    @Test
    void sameSnapshotAgainIsNotAChange() {
        List<OrderStatusChanged> heard = new ArrayList<>();
        store.apply(events.decided(paid));
        store.listen(heard::add);

        store.apply(events.decided(paid));

        assertThat(heard).isEmpty();
    }

    @Test
    void notifiedDeclineReplacesThePlainDecline() {
        OrderDeclined declined = Orders.declined(placed, "card_declined");
        store.apply(events.decided(declined));

        store.apply(events.declineNotified(declined));

        OrderView view = store.view(placed.orderId());
        assertThat(view.status()).isEqualTo(OrderStatus.DECLINED);
        assertThat(view.notified()).isTrue();
    }

    @Test
    void plainDeclineArrivingAfterTheNotifiedOneIsIgnored() {
        OrderDeclined declined = Orders.declined(placed, "card_declined");
        store.apply(events.declineNotified(declined));

        store.apply(events.decided(declined));

        assertThat(store.view(placed.orderId()).notified()).isTrue();
    }

    @Test
    void ordersAreKeptApart() {
        OrderPlaced other = Orders.placed();
        store.apply(events.decided(paid));

        store.apply(events.received(other));

        assertThat(store.view(placed.orderId()).status()).isEqualTo(OrderStatus.PAID);
        assertThat(store.view(other.orderId()).status()).isEqualTo(OrderStatus.RECEIVED);
    }

    @Test
    void viewMapsTheSnapshot() {
        store.apply(events.confirmed(paid));

        OrderView view = store.view(placed.orderId());

        assertThat(view.orderId()).isEqualTo(placed.orderId());
        assertThat(view.status()).isEqualTo(OrderStatus.CONFIRMED);
        assertThat(view.reason()).isNull();
        assertThat(view.restaurant()).isEqualTo(new RestaurantRef(Orders.TRATTORIA, "Trattoria Test"));
        assertThat(view.items()).containsExactly(
                new OrderView.Item(Orders.MARGHERITA, "Margherita", 2, "9.50"),
                new OrderView.Item(Orders.TIRAMISU, "Tiramisu", 1, "6.25"));
        assertThat(view.total()).isEqualTo(new Money("25.25", "EUR"));
        assertThat(view.card()).isEqualTo(new CardSummary("visa", "4242"));
        assertThat(view.fulfilment()).isEqualTo(new Fulfilment("pickup", null));
        assertThat(view.history()).extracting(OrderView.Entry::status)
                .containsExactly(OrderStatus.RECEIVED, OrderStatus.PAID, OrderStatus.CONFIRMED);
        assertThat(view.history().get(0).at()).isEqualTo(Orders.NOW);
        assertThat(view.notified()).isTrue();
    }

    @Test
    void viewOfADeclineCarriesTheReason() {
        store.apply(events.decided(Orders.declined(placed, "insufficient_funds")));

        OrderView view = store.view(placed.orderId());

        assertThat(view.reason()).isEqualTo("insufficient_funds");
        assertThat(view.history()).last().extracting(OrderView.Entry::reason).isEqualTo("insufficient_funds");
        assertThat(view.notified()).isFalse();
    }

    @Test
    void viewOfAnUnknownOrderIsNotFound() {
        assertThatThrownBy(() -> store.view("no-such-order"))
                .isInstanceOf(OrderNotFoundException.class)
                .hasMessageContaining("no-such-order");
        assertThatThrownBy(() -> store.view(null)).isInstanceOf(OrderNotFoundException.class);
    }

    @Test
    void listenersHearOnlyAcceptedChanges() {
        List<OrderStatusChanged> heard = new ArrayList<>();
        store.listen(heard::add);
        OrderStatusChanged paidSnapshot = events.decided(paid);
        OrderStatusChanged confirmed = events.confirmed(paid);

        store.apply(paidSnapshot);
        store.apply(events.received(placed));
        store.apply(paidSnapshot);
        store.apply(confirmed);

        assertThat(heard).containsExactly(paidSnapshot, confirmed);
    }

    @Test
    void listenerThatStoppedListeningHearsNothingMore() {
        List<OrderStatusChanged> heard = new ArrayList<>();
        Runnable stop = store.listen(heard::add);
        store.apply(events.received(placed));

        stop.run();
        store.apply(events.decided(paid));

        assertThat(heard).hasSize(1);
    }
}
