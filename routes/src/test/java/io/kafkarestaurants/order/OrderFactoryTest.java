package io.kafkarestaurants.order;

import static io.kafkarestaurants.Orders.MARGHERITA;
import static io.kafkarestaurants.Orders.NOODLE_BAR;
import static io.kafkarestaurants.Orders.RAMEN;
import static io.kafkarestaurants.Orders.TIRAMISU;
import static io.kafkarestaurants.Orders.anOrder;
import static io.kafkarestaurants.Orders.line;
import static org.assertj.core.api.Assertions.assertThat;

import io.kafkarestaurants.Orders;
import io.kafkarestaurants.catalog.Catalog;
import io.kafkarestaurants.catalog.MenuItem;
import io.kafkarestaurants.catalog.Restaurant;
import io.kafkarestaurants.events.CardSummary;
import io.kafkarestaurants.events.Fulfilment;
import io.kafkarestaurants.events.Money;
import io.kafkarestaurants.events.OrderLine;
import io.kafkarestaurants.events.OrderPlaced;
import io.kafkarestaurants.events.OrderStatus;
import io.kafkarestaurants.events.OrderStatusChanged;
import io.kafkarestaurants.events.RestaurantRef;
import io.kafkarestaurants.events.StatusEntry;
import io.kafkarestaurants.payment.CardSecret;
import io.kafkarestaurants.status.StatusEvents;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class OrderFactoryTest {

    private static final String ORDER_ID = "0b6e2a43-6f5e-5c1d-9d0c-3f1f2f4a5b6c";

    private final OrderFactory factory = Orders.orderFactory();

    @Test
    void totalIsComputedFromCatalogPrices() {
        OrderPlaced order = factory.place(Orders.pickupOrder(), ORDER_ID, Orders.TRACE_ID);

        // 2 x 9.50 + 1 x 6.25
        assertThat(order.order().total()).isEqualTo(new Money("25.25", "EUR"));
    }

    @Test
    void totalFollowsTheCatalogWhateverTheClientThinks() {
        Restaurant dearer = new Restaurant(Orders.TRATTORIA, "Trattoria Test", "Italian", false, true, "EUR",
                List.of(new MenuItem(MARGHERITA, "Margherita", "", new BigDecimal("11.00"), true),
                        new MenuItem(TIRAMISU, "Tiramisu", "", new BigDecimal("6.25"), true)));
        OrderFactory priced = new OrderFactory(Catalog.of(List.of(dearer)), Orders.cipher(), Orders.clock());

        OrderPlaced order = priced.place(Orders.pickupOrder(), ORDER_ID, Orders.TRACE_ID);

        assertThat(order.order().total().value()).isEqualTo("28.25");
    }

    @Test
    void eachLineIsPricedFromTheCatalog() {
        OrderPlaced order = factory.place(Orders.pickupOrder(), ORDER_ID, Orders.TRACE_ID);

        assertThat(order.order().items()).containsExactly(new OrderLine(MARGHERITA, "Margherita", 2, "9.50", "19.00"),
                new OrderLine(TIRAMISU, "Tiramisu", 1, "6.25", "6.25"));
    }

    @Test
    void totalIsInTheCurrencyOfTheRestaurant() {
        OrderPlaced order = factory.place(anOrder().restaurant(NOODLE_BAR).items(line(RAMEN, 3)).build(), ORDER_ID,
                Orders.TRACE_ID);

        assertThat(order.order().total()).isEqualTo(new Money("36.00", "USD"));
        assertThat(order.order().restaurant()).isEqualTo(new RestaurantRef(NOODLE_BAR, "Noodle Bar Test"));
    }

    @Test
    void cardIsReducedToBrandAndLastFour() {
        OrderPlaced order = factory.place(anOrder().card("5555 5555 5555 4444", "01/27").build(), ORDER_ID,
                Orders.TRACE_ID);

        assertThat(order.order().card()).isEqualTo(new CardSummary("mastercard", "4444"));
    }

    @Test
    void sealedCardOpensBackToTheDigitsAndExpiry() {
        OrderPlaced order = factory.place(anOrder().card("4242-4242 4242-4242", " 12/30 ").build(), ORDER_ID,
                Orders.TRACE_ID);

        CardSecret card = Orders.cipher().open(order.orderId(), order.payment());

        assertThat(card.number()).isEqualTo(Orders.VISA);
        assertThat(card.expiry()).isEqualTo("12/30");
        assertThat(order.payment().keyId()).isEqualTo(Orders.CARD_KEY_ID);
    }

    @Test
    void cardNumberAppearsNowhereButSealed() {
        OrderPlaced order = factory.place(Orders.pickupOrder(), ORDER_ID, Orders.TRACE_ID);

        assertThat(order.toString()).doesNotContain(Orders.VISA).doesNotContain("4242 4242 4242");
        assertThat(order.payment().ciphertext()).doesNotContain(Orders.VISA);
    }

    @Test
    void fulfilmentIsPickupWhenAbsent() {
        OrderPlaced order = factory.place(Orders.pickupOrder(), ORDER_ID, Orders.TRACE_ID);

        assertThat(order.order().fulfilment()).isEqualTo(new Fulfilment("pickup", null));
    }

    @Test
    void pickupDropsAnyAddress() {
        OrderPlaced order = factory.place(anOrder().fulfilment("pickup", "1 Main St").build(), ORDER_ID,
                Orders.TRACE_ID);

        assertThat(order.order().fulfilment()).isEqualTo(new Fulfilment("pickup", null));
    }

    @Test
    void deliveryKeepsTheTrimmedAddress() {
        OrderPlaced order = factory.place(Orders.deliveryOrder("  1 Main St  "), ORDER_ID, Orders.TRACE_ID);

        assertThat(order.order().fulfilment()).isEqualTo(new Fulfilment("delivery", "1 Main St"));
    }

    @Test
    void emailIsTrimmed() {
        OrderPlaced order = factory.place(anOrder().email(" ada@example.com ").build(), ORDER_ID, Orders.TRACE_ID);

        assertThat(order.order().email()).isEqualTo("ada@example.com");
    }

    @Test
    void placedOrderIsReceivedNowUnderTheIdItWasGiven() {
        OrderPlaced order = factory.place(Orders.pickupOrder(), ORDER_ID, Orders.TRACE_ID);

        assertThat(order.eventType()).isEqualTo(OrderPlaced.TYPE);
        assertThat(order.orderId()).isEqualTo(ORDER_ID);
        assertThat(order.occurredAt()).isEqualTo(Orders.NOW);
        assertThat(order.history()).containsExactly(StatusEntry.of(OrderStatus.RECEIVED, Orders.NOW, Orders.TRACE_ID));
    }

    @Test
    void acceptedAnswerTellsTheClientHowToFollowTheOrder() {
        OrderPlaced order = factory.place(Orders.pickupOrder(), ORDER_ID, Orders.TRACE_ID);

        OrderAccepted answer = factory.accepted(order);

        assertThat(answer).isEqualTo(new OrderAccepted(order.orderId(), OrderStatus.RECEIVED, new Money("25.25", "EUR"),
                "/orders/" + order.orderId()));
    }

    @Test
    void acceptedEarlierAnswersWithTheStatusTheViewHoldsNow() {
        OrderPlaced order = factory.place(Orders.pickupOrder(), ORDER_ID, Orders.TRACE_ID);
        OrderStatusChanged paid = new StatusEvents(Orders.clock()).decided(Orders.paid(order));

        assertThat(factory.acceptedEarlier(paid))
            .isEqualTo(new OrderAccepted(ORDER_ID, OrderStatus.PAID, new Money("25.25", "EUR"), "/orders/" + ORDER_ID));
    }

}
