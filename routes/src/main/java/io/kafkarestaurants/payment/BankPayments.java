package io.kafkarestaurants.payment;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kafkarestaurants.events.History;
import io.kafkarestaurants.events.OrderDeclined;
import io.kafkarestaurants.events.OrderPaid;
import io.kafkarestaurants.events.OrderPlaced;
import io.kafkarestaurants.events.OrderStatus;
import io.kafkarestaurants.events.Events;
import io.kafkarestaurants.events.StatusEntry;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

/**
 * The bank contract: builds the {@code POST /v1/payments} body (the only place the card is opened) and turns the
 * bank's answer into {@link OrderPaid} (201) or {@link OrderDeclined} (402 with the bank's reason, 422 invalid).
 * Transient failures never reach this bean: the route retries them.
 */
public class BankPayments {

    private final CardCipher cipher;
    private final ObjectMapper mapper;
    private final Clock clock;

    public BankPayments(CardCipher cipher, ObjectMapper mapper, Clock clock) {
        this.cipher = cipher;
        this.mapper = mapper;
        this.clock = clock;
    }

    public String paymentRequest(OrderPlaced order) throws IOException {
        CardSecret card = cipher.open(order.orderId(), order.payment());
        return mapper.writeValueAsString(Map.of(
                "orderId", order.orderId(),
                "amount", order.order().total(),
                "card", Map.of("number", card.number(), "expiry", card.expiry())));
    }

    /** Whether the bank charged the card (201, or 200 from a bank that answers a repeated Idempotency-Key so). */
    public boolean approved(int httpStatus) {
        return httpStatus == 201 || httpStatus == 200;
    }

    public OrderPaid paid(OrderPlaced order, String bankAnswer) throws IOException {
        String paymentId = mapper.readTree(bankAnswer == null ? "{}" : bankAnswer).path("paymentId").asText("");
        if (paymentId.isBlank()) {
            throw new BankProtocolException("The bank approved order " + order.orderId() + " without a paymentId");
        }
        Instant now = clock.instant();
        return new OrderPaid(OrderPaid.TYPE, Events.SCHEMA_VERSION, order.orderId(), now, order.order(), paymentId,
                History.append(order.history(), StatusEntry.of(OrderStatus.PAID, now)));
    }

    public OrderDeclined declined(OrderPlaced order, int httpStatus, String bankAnswer) {
        String reason = reason(httpStatus, bankAnswer);
        Instant now = clock.instant();
        return new OrderDeclined(OrderDeclined.TYPE, Events.SCHEMA_VERSION, order.orderId(), now, order.order(),
                reason, History.append(order.history(), new StatusEntry(OrderStatus.DECLINED, now, reason)));
    }

    private String reason(int httpStatus, String bankAnswer) {
        String fallback = httpStatus == 422 ? "invalid_payment" : "card_declined";
        try {
            String reason = mapper.readTree(bankAnswer == null ? "{}" : bankAnswer).path("reason").asText("");
            return reason.matches("[a-z_]{1,64}") ? reason : fallback;
        } catch (IOException e) {
            return fallback;
        }
    }
}
