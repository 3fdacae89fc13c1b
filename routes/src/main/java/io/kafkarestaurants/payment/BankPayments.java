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
import java.net.ConnectException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.apache.hc.client5.http.ConnectTimeoutException;

/**
 * The bank contract: builds the {@code POST /v1/payments} body (the only place the card
 * is opened) and turns the bank's answer into {@link OrderPaid} (201) or
 * {@link OrderDeclined} (402 with the bank's reason, 422 invalid). Transient failures
 * never reach this bean: the route retries them.
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
        // Fields in a fixed order (Map.of iterates in an order that changes from one JVM
        // to the next): a retry after
        // a restart sends the very same body, which a bank may compare to the first under
        // the same Idempotency-Key.
        Map<String, Object> cardFields = new LinkedHashMap<>();
        cardFields.put("number", card.number());
        cardFields.put("expiry", card.expiry());
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("orderId", order.orderId());
        request.put("amount", order.order().total());
        request.put("card", cardFields);
        return mapper.writeValueAsString(request);
    }

    /**
     * Whether the bank charged the card (201, or 200 from a bank that answers a repeated
     * Idempotency-Key so).
     */
    public boolean approved(int httpStatus) {
        return httpStatus == 201 || httpStatus == 200;
    }

    /**
     * Whether an answer can be acted on: an approval names its payment. Throws
     * BankProtocolException when it cannot (the bank may have charged: the stage then
     * asks it what it did).
     */
    public void checkAnswer(int httpStatus, String bankAnswer) {
        if (approved(httpStatus) && paymentId(bankAnswer).isBlank()) {
            throw new BankProtocolException("The bank approved without a readable paymentId");
        }
    }

    /**
     * The answer the bank recorded for an order whose charge attempt got none
     * ({@code lookupStatus} and {@code lookupAnswer}: GET /v1/payments/{orderId}), as the
     * status code of the charge's answer: 201 approved, 402 declined, 422 invalid. No
     * payment (404): nothing was charged, and the attempt's own failure is thrown again.
     */
    public int recordedAnswer(OrderPlaced order, int lookupStatus, String lookupAnswer, Exception chargeFailure)
            throws Exception {
        if (lookupStatus == 404) {
            throw chargeFailure;
        }
        String status = "";
        if (lookupStatus == 200) {
            try {
                status = mapper.readTree(lookupAnswer == null ? "{}" : lookupAnswer).path("status").asText("");
            }
            catch (IOException unreadable) {
                status = "";
            }
        }
        return switch (status) {
            case "APPROVED" -> paymentId(lookupAnswer).isBlank() ? unknown(order, lookupStatus) : 201;
            case "DECLINED" -> 402;
            case "INVALID" -> 422;
            default -> unknown(order, lookupStatus);
        };
    }

    /**
     * The bank could not be asked what came of an attempt. If the attempt never reached
     * it (no connection) or it answered a 5xx (the contract: nothing charged), that is
     * known and the attempt's failure is thrown again; otherwise (a timeout after the
     * request was sent, a broken connection, an unreadable approval) the card may have
     * been charged: PaymentOutcomeUnknownException.
     */
    public void outcomeUnknown(OrderPlaced order, Exception chargeFailure, Exception lookupFailure) throws Exception {
        if (notCharged(chargeFailure)) {
            throw chargeFailure;
        }
        PaymentOutcomeUnknownException unknown = new PaymentOutcomeUnknownException(
                "Order " + order.orderId() + ": the charge got no answer (" + chargeFailure.getClass().getSimpleName()
                        + ") and the bank could not be asked what came of it",
                lookupFailure);
        unknown.addSuppressed(chargeFailure);
        throw unknown;
    }

    private static boolean notCharged(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof HttpOperationFailedException || cause instanceof ConnectException
                    || cause instanceof ConnectTimeoutException) {
                return true;
            }
        }
        return false;
    }

    private int unknown(OrderPlaced order, int lookupStatus) {
        throw new PaymentOutcomeUnknownException("Order " + order.orderId() + ": the bank's record of the payment is "
                + "unreadable (HTTP " + lookupStatus + ")", null);
    }

    private String paymentId(String bankAnswer) {
        try {
            return mapper.readTree(bankAnswer == null ? "{}" : bankAnswer).path("paymentId").asText("");
        }
        catch (IOException unreadable) {
            return "";
        }
    }

    /** PAID, its history entry marked with the trace of the charge. */
    public OrderPaid paid(OrderPlaced order, String bankAnswer, String traceId) {
        String paymentId = paymentId(bankAnswer);
        if (paymentId.isBlank()) {
            throw new BankProtocolException("The bank approved order " + order.orderId() + " without a paymentId");
        }
        Instant now = clock.instant();
        return new OrderPaid(OrderPaid.TYPE, Events.SCHEMA_VERSION, order.orderId(), now, order.order(), paymentId,
                History.append(order.history(), StatusEntry.of(OrderStatus.PAID, now, traceId)));
    }

    /**
     * DECLINED with the bank's reason, its history entry marked with the trace of the
     * charge.
     */
    public OrderDeclined declined(OrderPlaced order, int httpStatus, String bankAnswer, String traceId) {
        String reason = reason(httpStatus, bankAnswer);
        Instant now = clock.instant();
        return new OrderDeclined(OrderDeclined.TYPE, Events.SCHEMA_VERSION, order.orderId(), now, order.order(), reason,
                History.append(order.history(), new StatusEntry(OrderStatus.DECLINED, now, reason, traceId)));
    }

    private String reason(int httpStatus, String bankAnswer) {
        String fallback = httpStatus == 422 ? "invalid_payment" : "card_declined";
        try {
            String reason = mapper.readTree(bankAnswer == null ? "{}" : bankAnswer).path("reason").asText("");
            return reason.matches("[a-z_]{1,64}") ? reason : fallback;
        }
        catch (IOException e) {
            return fallback;
        }
    }

}
