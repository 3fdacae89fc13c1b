package io.kafkarestaurants.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kafkarestaurants.Orders;
import io.kafkarestaurants.events.OrderDeclined;
import io.kafkarestaurants.events.OrderPaid;
import io.kafkarestaurants.events.OrderPlaced;
import io.kafkarestaurants.events.OrderStatus;
import io.kafkarestaurants.events.StatusEntry;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class BankPaymentsTest {

    private static final Instant DECIDED_AT = Orders.NOW.plusSeconds(2);

    private final ObjectMapper mapper = Orders.mapper();

    private final BankPayments bank = new BankPayments(Orders.cipher(), mapper, Orders.clockAt(DECIDED_AT));

    private final OrderPlaced order = Orders.placed(Orders.anOrder().card("4242 4242-4242 4242", "11/29").build());

    @Test
    void paymentRequestCarriesOrderIdAmountAndCard() throws Exception {
        JsonNode request = mapper.readTree(bank.paymentRequest(order));

        assertThat(request.path("orderId").asText()).isEqualTo(order.orderId());
        assertThat(request.path("amount").path("value").asText()).isEqualTo("25.25");
        assertThat(request.path("amount").path("currency").asText()).isEqualTo("EUR");
        assertThat(request.path("card").path("number").asText()).isEqualTo(Orders.VISA);
        assertThat(request.path("card").path("expiry").asText()).isEqualTo("11/29");
    }

    @Test
    void paymentRequestAmountIsADecimalString() throws Exception {
        JsonNode request = mapper.readTree(bank.paymentRequest(order));

        assertThat(request.path("amount").path("value").isTextual()).isTrue();
    }

    @Test
    void paymentRequestHoldsNothingElse() throws Exception {
        JsonNode request = mapper.readTree(bank.paymentRequest(order));

        // In this order, in every JVM: a retry after a restart sends the very same body
        // under the same key.
        assertThat(request.properties()).extracting(Map.Entry::getKey).containsExactly("orderId", "amount", "card");
        assertThat(request.path("card").properties()).extracting(Map.Entry::getKey).containsExactly("number", "expiry");
    }

    @Test
    void paymentRequestOfACardSealedWithAnotherKeyUnderItsIdFails() {
        BankPayments otherBank = new BankPayments(Orders.cipher(Orders.CARD_KEY_ID, Orders.OTHER_CARD_KEY), mapper,
                Orders.clock());

        assertThatThrownBy(() -> otherBank.paymentRequest(order)).isInstanceOf(CardKeyException.class);
    }

    @ParameterizedTest
    @CsvSource({ "200, true", "201, true", "202, false", "402, false", "422, false", "500, false" })
    void onlyOkAndCreatedAreApprovals(int status, boolean approved) {
        assertThat(bank.approved(status)).isEqualTo(approved);
    }

    @Test
    void paidTakesThePaymentIdOfTheBank() throws Exception {
        OrderPaid paid = bank.paid(order, "{\"paymentId\":\"pay-42\",\"status\":\"APPROVED\"}", Orders.TRACE_ID);

        assertThat(paid.paymentId()).isEqualTo("pay-42");
        assertThat(paid.eventType()).isEqualTo(OrderPaid.TYPE);
        assertThat(paid.orderId()).isEqualTo(order.orderId());
        assertThat(paid.order()).isEqualTo(order.order());
        assertThat(paid.occurredAt()).isEqualTo(DECIDED_AT);
    }

    @Test
    void paidAppendsPaidToTheHistory() throws Exception {
        OrderPaid paid = bank.paid(order, "{\"paymentId\":\"pay-42\"}", Orders.TRACE_ID);

        assertThat(paid.history()).containsExactly(StatusEntry.of(OrderStatus.RECEIVED, Orders.NOW, Orders.TRACE_ID),
                StatusEntry.of(OrderStatus.PAID, DECIDED_AT, Orders.TRACE_ID));
        assertThat(paid.status()).isEqualTo(OrderStatus.PAID);
    }

    @Test
    void approvalWithoutPaymentIdBreaksTheContract() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> bank.paid(order, "{}", Orders.TRACE_ID))
            .isInstanceOf(BankProtocolException.class);
    }

    @Test
    void declinedCardReasonComesFromTheBank() {
        OrderDeclined declined = bank.declined(order, 402, "{\"reason\":\"insufficient_funds\"}", Orders.TRACE_ID);

        assertThat(declined.reason()).isEqualTo("insufficient_funds");
        assertThat(declined.eventType()).isEqualTo(OrderDeclined.TYPE);
        assertThat(declined.occurredAt()).isEqualTo(DECIDED_AT);
        assertThat(declined.history()).containsExactly(
                StatusEntry.of(OrderStatus.RECEIVED, Orders.NOW, Orders.TRACE_ID),
                new StatusEntry(OrderStatus.DECLINED, DECIDED_AT, "insufficient_funds", Orders.TRACE_ID));
    }

    @Test
    void invalidPaymentReasonComesFromTheBankToo() {
        assertThat(bank.declined(order, 422, "{\"reason\":\"expired_card\"}", Orders.TRACE_ID).reason())
            .isEqualTo("expired_card");
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = { "", "{}", "{\"reason\":\"\"}", "not json", "{\"reason\":null}" })
    void declineWithoutReasonIsCardDeclined(String answer) {
        assertThat(bank.declined(order, 402, answer, Orders.TRACE_ID).reason()).isEqualTo("card_declined");
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = { "", "{}", "{\"error\":\"bad card\"}", "<html>Unprocessable</html>" })
    void invalidPaymentWithoutReasonIsInvalidPayment(String answer) {
        assertThat(bank.declined(order, 422, answer, Orders.TRACE_ID).reason()).isEqualTo("invalid_payment");
    }

    @ParameterizedTest
    @ValueSource(strings = { "{\"reason\":\"<script>alert(1)</script>\"}", "{\"reason\":\"Card Declined\"}",
            "{\"reason\":\"card-declined\"}", "{\"reason\":\"declined\\r\\nBcc: eve@example.com\"}", "{\"reason\":42}",
            "{\"reason\":{\"code\":\"card_declined\"}}" })
    void reasonThatIsNotASnakeCaseCodeFallsBack(String answer) {
        assertThat(bank.declined(order, 402, answer, Orders.TRACE_ID).reason()).isEqualTo("card_declined");
        assertThat(bank.declined(order, 422, answer, Orders.TRACE_ID).reason()).isEqualTo("invalid_payment");
    }

    @Test
    void overlongReasonFallsBack() {
        String answer = "{\"reason\":\"" + "a".repeat(65) + "\"}";

        assertThat(bank.declined(order, 402, answer, Orders.TRACE_ID).reason()).isEqualTo("card_declined");
    }

    // An attempt whose outcome is unknown, and what the bank's record of the payment
    // makes of it.

    @Test
    void anApprovalWithoutAReadablePaymentIdIsNotActedOnButResolvedByAskingTheBank() {
        assertThatThrownBy(() -> bank.checkAnswer(201, "not json")).isInstanceOf(BankProtocolException.class);
        assertThatThrownBy(() -> bank.checkAnswer(201, "{\"status\":\"APPROVED\"}"))
            .isInstanceOf(BankProtocolException.class);
        bank.checkAnswer(201, "{\"paymentId\":\"pay_1\",\"status\":\"APPROVED\"}");
        bank.checkAnswer(402, "{\"status\":\"DECLINED\",\"reason\":\"card_declined\"}");
    }

    @ParameterizedTest
    @CsvSource({ "APPROVED, 201", "DECLINED, 402", "INVALID, 422" })
    void thePaymentTheBankRecordedStandsForTheAnswerTheAttemptDidNotGet(String status, int answer) throws Exception {
        String recorded = "{\"idempotencyKey\":\"" + order.orderId() + "\",\"paymentId\":\"pay_1\",\"status\":\""
                + status + "\",\"reason\":\"card_declined\"}";

        assertThat(bank.recordedAnswer(order, 200, recorded, new java.net.SocketTimeoutException())).isEqualTo(answer);
    }

    @Test
    void noPaymentAtTheBankMeansNothingWasChargedAndTheAttemptsOwnFailureStands() {
        java.net.SocketTimeoutException timeout = new java.net.SocketTimeoutException("Read timed out");

        assertThatThrownBy(() -> bank.recordedAnswer(order, 404, "{\"error\":\"no_such_payment\"}", timeout))
            .isSameAs(timeout);
    }

    @Test
    void aRecordTheStageCannotReadLeavesTheOutcomeUnknown() {
        assertThatThrownBy(() -> bank.recordedAnswer(order, 200, "<html>", new java.net.SocketTimeoutException()))
            .isInstanceOf(PaymentOutcomeUnknownException.class);
        assertThatThrownBy(() -> bank.recordedAnswer(order, 200, "{\"status\":\"APPROVED\"}",
                new java.net.SocketTimeoutException()))
            .as("approved without a paymentId")
            .isInstanceOf(PaymentOutcomeUnknownException.class);
        assertThatThrownBy(() -> bank.recordedAnswer(order, 500, "", new java.net.SocketTimeoutException()))
            .isInstanceOf(PaymentOutcomeUnknownException.class);
    }

    @Test
    void whenTheBankCannotBeAskedATimeoutIsUnknownButARefusedConnectionOrA5xxChargedNothing() {
        Exception lookupFailed = new java.net.ConnectException("Connection refused");

        assertThatThrownBy(
                () -> bank.outcomeUnknown(order, new java.net.SocketTimeoutException("Read timed out"), lookupFailed))
            .isInstanceOf(PaymentOutcomeUnknownException.class)
            .hasMessageContaining(order.orderId())
            .hasMessageNotContaining("4242");
        Exception refused = new org.apache.hc.client5.http.HttpHostConnectException("Connection refused");
        assertThatThrownBy(() -> bank.outcomeUnknown(order, refused, lookupFailed)).isSameAs(refused);
        Exception answered500 = new org.apache.camel.http.base.HttpOperationFailedException("http://bank/v1/payments",
                500, "Server Error", null, Map.of(), "{}");
        assertThatThrownBy(() -> bank.outcomeUnknown(order, answered500, lookupFailed)).isSameAs(answered500);
    }

}
