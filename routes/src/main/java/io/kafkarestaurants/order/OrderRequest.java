package io.kafkarestaurants.order;

import io.kafkarestaurants.events.Fulfilment;
import io.kafkarestaurants.payment.CardNumbers;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import java.util.List;

/**
 * The body of {@code POST /orders} as the client sends it: ids and quantities, never
 * prices.
 */
public record OrderRequest(@Schema(requiredMode = RequiredMode.REQUIRED, example = "amore-mio") String restaurantId,
        @Schema(requiredMode = RequiredMode.REQUIRED, description = "1 to 30 lines") List<Line> items,
        @Schema(requiredMode = RequiredMode.REQUIRED, example = "dana@example.com") String email,
        @Schema(requiredMode = RequiredMode.REQUIRED) CardInput card,
        @Schema(description = "Pickup when absent") FulfilmentInput fulfilment) {

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

    @Schema(name = "OrderRequestLine")
    public record Line(@Schema(requiredMode = RequiredMode.REQUIRED, example = "margherita") String menuItemId,
            @Schema(requiredMode = RequiredMode.REQUIRED, description = "1 to 20", example = "2") Integer quantity) {
    }

    /** The card as typed; {@link #toString()} never shows the number. */
    @Schema(name = "OrderRequestCard")
    public record CardInput(
            @Schema(requiredMode = RequiredMode.REQUIRED,
                    description = "12 to 19 digits passing the Luhn check, spaces or dashes allowed between them; "
                            + "never answered, logged or published in clear") String number,
            @Schema(requiredMode = RequiredMode.REQUIRED, description = "MM/YY, not in the past",
                    example = "12/30") String expiry) {

        @Override
        public String toString() {
            return "CardInput[number=****, expiry=" + expiry + "]";
        }
    }

    @Schema(name = "OrderRequestFulfilment")
    public record FulfilmentInput(@Schema(requiredMode = RequiredMode.REQUIRED, allowableValues = {
            "delivery", "pickup" }, example = "delivery") String type,
            @Schema(description = "Required with delivery", example = "12 Harbour St") String address){
    }
}
