package io.kafkarestaurants.order;

import io.kafkarestaurants.catalog.Catalog;
import io.kafkarestaurants.catalog.MenuItem;
import io.kafkarestaurants.catalog.Restaurant;
import io.kafkarestaurants.events.Fulfilment;
import io.kafkarestaurants.events.Money;
import io.kafkarestaurants.events.OrderDetails;
import io.kafkarestaurants.events.OrderLine;
import io.kafkarestaurants.events.OrderPlaced;
import io.kafkarestaurants.events.OrderStatusChanged;
import io.kafkarestaurants.events.RestaurantRef;
import io.kafkarestaurants.payment.CardCipher;
import io.kafkarestaurants.payment.CardNumbers;
import io.kafkarestaurants.payment.CardSecret;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a validated request into an {@link OrderPlaced} under the orderId
 * {@link OrderIds} gave it: lines priced from the catalog, the total computed here, the
 * card sealed and reduced to brand + last4 everywhere else.
 */
public class OrderFactory {

    private final Catalog catalog;

    private final CardCipher cipher;

    private final Clock clock;

    public OrderFactory(Catalog catalog, CardCipher cipher, Clock clock) {
        this.catalog = catalog;
        this.cipher = cipher;
        this.clock = clock;
    }

    /**
     * The order as published, its RECEIVED entry marked with the trace of the request
     * that placed it.
     */
    public OrderPlaced place(OrderRequest typed, String orderId, String traceId) {
        OrderRequest request = typed.normalized();
        Restaurant restaurant = catalog.restaurant(request.restaurantId()).orElseThrow();
        List<OrderLine> lines = new ArrayList<>();
        BigDecimal total = BigDecimal.ZERO;
        for (OrderRequest.Line line : request.items()) {
            MenuItem item = restaurant.item(line.menuItemId()).orElseThrow();
            BigDecimal lineTotal = item.price().multiply(BigDecimal.valueOf(line.quantity()));
            total = total.add(lineTotal);
            lines.add(new OrderLine(item.id(), item.name(), line.quantity(), money(item.price()), money(lineTotal)));
        }
        OrderRequest.FulfilmentInput how = request.fulfilment();
        OrderDetails details = new OrderDetails(new RestaurantRef(restaurant.id(), restaurant.name()), lines,
                Money.of(total, restaurant.currency()), request.email(), new Fulfilment(how.type(), how.address()),
                CardNumbers.summary(request.card().number()));
        CardSecret card = new CardSecret(request.card().number(), request.card().expiry());
        return OrderPlaced.of(orderId, clock.instant(), details, cipher.seal(orderId, card), traceId);
    }

    /** The 202 answer: what the client needs to follow its order. */
    public OrderAccepted accepted(OrderPlaced order) {
        return OrderAccepted.of(order.orderId(), order.history().get(order.history().size() - 1).status(),
                order.order().total());
    }

    /** The 202 answer for an order placed earlier, as the order view holds it now. */
    public OrderAccepted acceptedEarlier(OrderStatusChanged order) {
        return OrderAccepted.of(order.orderId(), order.status(), order.order().total());
    }

    private static String money(BigDecimal amount) {
        return amount.setScale(2, java.math.RoundingMode.UNNECESSARY).toPlainString();
    }

}
