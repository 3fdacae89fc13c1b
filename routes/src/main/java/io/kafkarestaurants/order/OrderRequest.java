package io.kafkarestaurants.order;

import io.kafkarestaurants.events.Fulfilment;
import io.kafkarestaurants.payment.CardNumbers;
import java.util.List;

/**
 * The body of {@code POST /orders} as the client sends it: ids and quantities, never
 * prices.
 */
public record OrderRequest(String restaurantId, List<Line> items, String email, CardInput card,
        FulfilmentInput fulfilment) {

    /**
     * The same order as intake reads it, once {@link OrderValidator} accepted it: email,
     * expiry and address trimmed, the card number's digits alone, an absent fulfilment as
     * pickup, and no address with a pickup. Two bodies that differ only in these ways are
     * the same order.
     */
    OrderRequest normalized() {
        FulfilmentInput how = fulfilment == null || Fulfilment.PICKUP.equals(fulfilment.type())
                ? new FulfilmentInput(Fulfilment.PICKUP, null)
                : new FulfilmentInput(Fulfilment.DELIVERY, fulfilment.address().trim());
        return new OrderRequest(restaurantId, List.copyOf(items), email.trim(),
                new CardInput(CardNumbers.digits(card.number()), card.expiry().trim()), how);
    }

    public record Line(String menuItemId, Integer quantity) {
    }

    /** The card as typed; {@link #toString()} never shows the number. */
    public record CardInput(String number, String expiry) {

        @Override
        public String toString() {
            return "CardInput[number=****, expiry=" + expiry + "]";
        }
    }

    public record FulfilmentInput(String type, String address) {
    }
}
