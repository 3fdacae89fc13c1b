package io.kafkarestaurants.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.kafkarestaurants.Orders;
import io.kafkarestaurants.RestaurantsProperties;
import io.kafkarestaurants.events.OrderPaid;
import io.kafkarestaurants.events.OrderPlaced;
import io.kafkarestaurants.events.OrderStatus;
import io.kafkarestaurants.status.DrivenOrderView;
import io.kafkarestaurants.status.OrderNotFoundException;
import io.kafkarestaurants.status.OrderStatusStore;
import io.kafkarestaurants.status.StatusEvents;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Each step of an order's history mapped to the node, route and topic that made it, from
 * the real topology.
 */
class OrderTrailsTest {

    static final RestaurantsProperties.Topics TOPICS = new RestaurantsProperties.Topics("order", "order_confirm",
            "order_declined", "order_status", ".DLT", "transactions.processed", "email.sent", "restaurant_popularity",
            12, (short) 1);

    private final DrivenOrderView view = new DrivenOrderView();

    private final OrderStatusStore store = new OrderStatusStore(view, view.mapper(), Duration.ofMinutes(2),
            snapshot -> {
            });

    private final StatusEvents events = new StatusEvents(Orders.clock());

    private final FlowTopology topology = Flows.topology();

    private final OrderTrails trails = new OrderTrails(() -> topology, store, TOPICS);

    @AfterEach
    void close() {
        view.close();
    }

    @Test
    void aConfirmedOrderPassedIntakeTransactionsAndEmail() {
        OrderPlaced placed = Orders.placed();
        OrderPaid paid = Orders.paid(placed);
        view.publish(events.confirmed(paid, Orders.TRACE_ID));

        OrderTrails.OrderTrail trail = trails.trail(placed.orderId());

        assertThat(trail.orderId()).isEqualTo(placed.orderId());
        assertThat(trail.status()).isEqualTo(OrderStatus.CONFIRMED);
        assertThat(trail.trail())
            .extracting(OrderTrails.Step::status, OrderTrails.Step::node, OrderTrails.Step::route,
                    OrderTrails.Step::topic)
            .containsExactly(tuple(OrderStatus.RECEIVED, "order-intake", "order-intake-new", "order"),
                    tuple(OrderStatus.PAID, "transactions", "transactions-charge", "order_confirm"),
                    tuple(OrderStatus.CONFIRMED, "email", "email-notify", "order_status"));
        assertThat(trail.trail()).extracting(OrderTrails.Step::at).doesNotContainNull().isSorted();
    }

    @Test
    void aDeclinedOrderEndsOnOrderDeclined() {
        OrderPlaced placed = Orders.placed();
        view.publish(events.decided(Orders.declined(placed, "card_declined")));

        assertThat(trails.trail(placed.orderId()).trail()).extracting(OrderTrails.Step::node, OrderTrails.Step::topic)
            .containsExactly(tuple("order-intake", "order"), tuple("transactions", "order_declined"));
    }

    @Test
    void aFailedStepIsTheDeadLetterOfTheStageThatGaveUp() {
        OrderPlaced placed = Orders.placed();
        view.publish(events.failed(placed, new IllegalStateException("bank down"), Orders.TRACE_ID));
        OrderPlaced mailFailed = Orders.placed();
        view.publish(events.failed(Orders.paid(mailFailed), new IllegalStateException("smtp down"), Orders.TRACE_ID));

        assertThat(trails.trail(placed.orderId()).trail()).last()
            .extracting(OrderTrails.Step::node, OrderTrails.Step::route, OrderTrails.Step::topic)
            .containsExactly("transactions", "dead-letter-publish", "order.DLT");
        assertThat(trails.trail(mailFailed.orderId()).trail()).last()
            .extracting(OrderTrails.Step::node, OrderTrails.Step::topic)
            .containsExactly("email", "order_confirm.DLT");
    }

    @Test
    void eachStepCarriesTheTraceIdItsHistoryEntryRecorded() {
        OrderPlaced placed = Orders.placed();
        view.publish(events.confirmed(Orders.paid(placed), Orders.TRACE_ID));

        OrderTrails.OrderTrail trail = trails.trail(placed.orderId());

        assertThat(trail.traceId()).isEqualTo(Orders.TRACE_ID);
        assertThat(trail.trail()).extracting(OrderTrails.Step::traceId).containsOnly(Orders.TRACE_ID);
    }

    @Test
    void anUnknownOrderIsNotFound() {
        assertThatThrownBy(() -> trails.trail("no-such-order")).isInstanceOf(OrderNotFoundException.class);
    }

}
