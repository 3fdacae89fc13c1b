package io.kafkarestaurants.payment;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.http.LoggedResponse;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.kafkarestaurants.Application;
import io.kafkarestaurants.Orders;
import io.kafkarestaurants.events.OrderPlaced;
import io.kafkarestaurants.order.OrderFactory;
import io.kafkarestaurants.support.ClosedPorts;
import io.kafkarestaurants.support.TestServers;
import io.kafkarestaurants.support.InMemoryIdempotency;
import io.kafkarestaurants.support.StageRecords;
import io.kafkarestaurants.support.TestMemory;
import io.kafkarestaurants.support.StageRoutes;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.camel.CamelContext;
import org.apache.camel.EndpointInject;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.apache.camel.test.spring.junit5.UseAdviceWith;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The transactions stage against the repo's bank mappings in WireMock: the Kafka consumer
 * is replaced by {@code direct:order-in}, every {@code kafka:} producer is mocked and
 * skipped, and the charged-orders repository lives in memory. Records come as the stage
 * consumer hands them ({@link StageRecords}): an exchange that ends without an exception
 * has finished its record; a failed one is attempted again, as the consumer would. The
 * card key ring is the one of a rotation under way: the test profile's active key plus a
 * retiring one.
 */
@CamelSpringBootTest
@UseAdviceWith
@SpringBootTest(classes = { Application.class, InMemoryIdempotency.class },
        properties = { "restaurants.roles=transactions", "spring.kafka.admin.auto-create=false",
                InMemoryIdempotency.OVERRIDING })
@ActiveProfiles("test")
@DirtiesContext
class TransactionsRouteIT {

    static final String APPROVES = "4242 4242 4242 4242";
    static final String DECLINED = "4000000000000002";
    static final String FAILS_WITH_500 = "4000000000000119";
    static final String SLOW = "4000000000000077";

    /**
     * The stage runs after a rotation: its ring holds this retiring key beside the active
     * one (application-test).
     */
    static final String RETIRING_KEY_ID = "retiring";

    @Autowired
    TestMemory chargedOrders;

    @Autowired
    CamelContext context;

    @Autowired
    ProducerTemplate template;

    @Autowired
    CardCipher cipher;

    @Autowired
    ObjectMapper mapper;

    @Value("${restaurants.retry.max-redeliveries}")
    int maxRedeliveries;

    @Value("${restaurants.card.active-key-id}")
    String activeKeyId;

    @EndpointInject("mock:kafka:order_confirm")
    MockEndpoint confirmTopic;

    @EndpointInject("mock:kafka:order_declined")
    MockEndpoint declinedTopic;

    @EndpointInject("mock:kafka:order_status")
    MockEndpoint statusTopic;

    /**
     * The dead-letter route's {@code toD kafka:${exchangeProperty.deadLetterTopic}}:
     * camel-kafka's SendDynamicAware keeps one static endpoint named after the unresolved
     * uri and names the topic in the {@code kafka.OVERRIDE_TOPIC} header, so that is the
     * endpoint the mock replaces.
     */
    @EndpointInject(StageRoutes.DEAD_LETTER_MOCK)
    MockEndpoint deadLetterTopic;

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        ClosedPorts.noKafka(registry);
        TestServers.register(registry);
        registry.add("restaurants.card.keys", () -> RETIRING_KEY_ID + "=" + Orders.OTHER_CARD_KEY);
    }

    @BeforeEach
    void adviseAndStart() throws Exception {
        StageRoutes.adviseAndStart(context, "transactions-consume", "direct:order-in", "chargedOrders");
    }

    @Test
    void approvedCardPublishesOrderPaidAndPaidStatusAndFinishesTheRecord() throws Exception {
        OrderPlaced order = placed(APPROVES);
        confirmTopic.expectedMessageCount(1);
        statusTopic.expectedMessageCount(1);

        Exchange done = consume(json(order));

        assertThat(done.getException()).as("finished at the first attempt").isNull();
        MockEndpoint.assertIsSatisfied(confirmTopic, statusTopic);
        Message paid = confirmTopic.getReceivedExchanges().get(0).getMessage();
        assertThat(paid.getHeader(KafkaConstants.KEY)).isEqualTo(order.orderId());
        JsonNode paidEvent = mapper.readTree(paid.getBody(String.class));
        assertThat(paidEvent.get("eventType").asText()).isEqualTo("OrderPaid");
        assertThat(paidEvent.get("orderId").asText()).isEqualTo(order.orderId());
        assertThat(paidEvent.get("paymentId").asText()).isNotBlank();
        assertThat(paid.getBody(String.class)).doesNotContain("4242424242424242", "ciphertext");
        assertOnlyKeyAndPayloadType(paid);

        JsonNode status = statusOf(0);
        assertThat(status.get("orderId").asText()).isEqualTo(order.orderId());
        assertThat(status.get("status").asText()).isEqualTo("PAID");
        assertThat(status.get("history").findValuesAsText("status")).containsExactly("RECEIVED", "PAID");
        assertThat(declinedTopic.getReceivedCounter()).isZero();
        assertThat(deadLetterTopic.getReceivedCounter()).isZero();

        List<LoggedRequest> charges = charges(order.orderId());
        assertThat(charges).hasSize(1);
        JsonNode request = mapper.readTree(charges.get(0).getBodyAsString());
        assertThat(request.at("/orderId").asText()).isEqualTo(order.orderId());
        assertThat(request.at("/card/number").asText()).isEqualTo("4242424242424242");
        assertThat(request.at("/amount/value").asText()).isEqualTo("25.25");
        assertThat(charges.get(0).getHeader("Content-Type")).startsWith("application/json");
        assertThat(charges.get(0).getAllHeaderKeys()).map(String::toLowerCase)
            .doesNotContain("kafka.topic", "kafka.key", "kafka.partition", "kafka.offset", "x-injected");
    }

    @Test
    void declinedCardPublishesOrderDeclinedWithTheBanksReason() throws Exception {
        OrderPlaced order = placed(DECLINED);
        declinedTopic.expectedMessageCount(1);
        statusTopic.expectedMessageCount(1);

        Exchange done = consume(json(order));

        assertThat(done.getException()).as("a decline is an answer, not a failure: not retried").isNull();
        MockEndpoint.assertIsSatisfied(declinedTopic, statusTopic);
        Message declined = declinedTopic.getReceivedExchanges().get(0).getMessage();
        assertThat(declined.getHeader(KafkaConstants.KEY)).isEqualTo(order.orderId());
        JsonNode event = mapper.readTree(declined.getBody(String.class));
        assertThat(event.get("eventType").asText()).isEqualTo("OrderDeclined");
        assertThat(event.get("reason").asText()).isEqualTo("card_declined");
        assertOnlyKeyAndPayloadType(declined);
        JsonNode status = statusOf(0);
        assertThat(status.get("status").asText()).isEqualTo("DECLINED");
        assertThat(status.get("reason").asText()).isEqualTo("card_declined");
        assertThat(confirmTopic.getReceivedCounter()).isZero();
        assertThat(charges(order.orderId())).hasSize(1);
    }

    @Test
    void bankFailingWith500IsRetriedThenDeadLetteredAsConsumedAndTheOrderFails() throws Exception {
        OrderPlaced order = placed(FAILS_WITH_500);
        String record = json(order);
        deadLetterTopic.expectedMessageCount(1);
        statusTopic.expectedMessageCount(1);

        List<Exchange> attempts = untilFinished(record);

        assertThat(attempts).hasSize(1 + maxRedeliveries);
        assertThat(attempts.subList(0, maxRedeliveries)).as("each failed attempt is left to the consumer to retry")
            .allMatch(Exchange::isFailed);
        assertThat(attempts.get(maxRedeliveries).getException()).as("the last attempt dead-letters the record")
            .isNull();
        MockEndpoint.assertIsSatisfied(deadLetterTopic, statusTopic);
        assertThat(charges(order.orderId())).hasSize(1 + maxRedeliveries);
        Message dead = deadLetterTopic.getReceivedExchanges().get(0).getMessage();
        assertThat(dead.getBody(String.class)).isEqualTo(record);
        assertThat(dead.getHeader(KafkaConstants.OVERRIDE_TOPIC)).isEqualTo("order.DLT");
        assertThat(dead.getHeader(KafkaConstants.KEY)).isEqualTo(order.orderId());
        assertThat(dead.getHeader("dlt-original-topic")).isEqualTo("order");
        assertThat(dead.getHeader("dlt-original-partition", String.class)).isEqualTo("1");
        assertThat(dead.getHeader("dlt-original-offset", String.class)).isEqualTo("42");
        assertThat(dead.getHeader("dlt-exception-class", String.class)).endsWith("HttpOperationFailedException");
        // Thrown again after the bank said it has no such payment (transactions-lookup),
        // out of a doTry: the
        // stage's consuming route is where it ends.
        assertThat(dead.getHeader("dlt-failed-route")).isEqualTo("transactions-consume");
        assertThat(dead.getHeaders()).doesNotContainKeys(KafkaConstants.TOPIC, StageRecords.ATTEMPT,
                StageRecords.INJECTED);
        JsonNode status = statusOf(0);
        assertThat(status.get("orderId").asText()).isEqualTo(order.orderId());
        assertThat(status.get("status").asText()).isEqualTo("FAILED");
        assertThat(status.get("reason").asText()).isEqualTo("bank_unavailable");
        assertThat(confirmTopic.getReceivedCounter()).isZero();
        assertThat(declinedTopic.getReceivedCounter()).isZero();
    }

    /**
     * A bank that answers its 500 with the card it was sent: neither that body nor the
     * card reaches the dead-letter record, whose headers say what failed (HTTP status and
     * URI) and whose value is the record as consumed (the card sealed).
     */
    @Test
    void bankErrorEchoingTheCardLeavesNeitherTheCardNorTheBodyOnTheDeadLetterRecord() throws Exception {
        String card = "4000000000000341";
        StubMapping echo = TestServers.bank()
            .stubFor(WireMock.post(WireMock.urlPathEqualTo("/v1/payments"))
                .atPriority(9)
                .withRequestBody(WireMock.matchingJsonPath("$.card.number", equalTo(card)))
                .willReturn(WireMock.aResponse()
                    .withStatus(500)
                    .withHeader("X-Card", card)
                    .withBody("{\"error\":\"processing_error\",\"echo\":\"bank-echo card " + card + "\"}")));
        try {
            OrderPlaced order = placed(card);
            deadLetterTopic.expectedMessageCount(1);

            untilFinished(json(order));

            MockEndpoint.assertIsSatisfied(deadLetterTopic);
            Message dead = deadLetterTopic.getReceivedExchanges().get(0).getMessage();
            assertThat(dead.getHeader("dlt-exception-message", String.class)).startsWith("HTTP 500 from http://");
            assertThat(dead.getHeaders().values()).map(String::valueOf)
                .isNotEmpty()
                .noneMatch(value -> value.contains(card) || value.contains("bank-echo"));
            assertThat(dead.getBody(String.class)).isEqualTo(json(order)).doesNotContain(card, "bank-echo");
        }
        finally {
            TestServers.bank().removeStub(echo);
        }
    }

    /**
     * transactions.camel.yaml promises: "An order already charged (or given up on) is
     * skipped when its record is consumed again" (e.g. when its offset commit was lost to
     * a crash or a rebalance).
     */
    @Test
    void deadLetteredOrderIsNotChargedAgainWhenConsumedAgainButIsDeadLetteredAndFailedAgain() throws Exception {
        OrderPlaced order = placed(FAILS_WITH_500);
        String record = json(order);
        untilFinished(record);
        int chargesBefore = charges(order.orderId()).size();
        MockEndpoint.resetMocks(context);

        Exchange again = consume(record);

        assertThat(again.getException()).isNull();
        assertThat(charges(order.orderId())).hasSize(chargesBefore);
        // Given up on is recorded before the record is dead-lettered and the FAILED
        // status published: a crash (or a
        // shutdown that stopped the producers) in between must lose neither, so the
        // record consumed again publishes
        // both again, with the reason it was given up for.
        assertThat(deadLetterTopic.getReceivedCounter()).isEqualTo(1);
        Message dead = deadLetterTopic.getReceivedExchanges().get(0).getMessage();
        assertThat(dead.getBody(String.class)).isEqualTo(record);
        assertThat(dead.getHeader(KafkaConstants.OVERRIDE_TOPIC)).isEqualTo("order.DLT");
        assertThat(dead.getHeader("dlt-exception-class", String.class)).endsWith("GivenUpBeforeException");
        assertThat(statusTopic.getReceivedCounter()).isEqualTo(1);
        JsonNode failed = statusOf(0);
        assertThat(failed.get("status").asText()).isEqualTo("FAILED");
        assertThat(failed.get("reason").asText()).isEqualTo("bank_unavailable");
    }

    /**
     * Given up on, but its record not acknowledged: the record consumed again records it,
     * and charges nothing.
     */
    @Test
    void aGivenUpOrderWhoseRecordWasNotAcknowledgedIsRecordedWhenConsumedAgain() throws Exception {
        OrderPlaced order = placed(FAILS_WITH_500);
        String record = json(order);
        for (int attempt = 1; attempt <= maxRedeliveries; attempt++) {
            StageRecords.attempt(template, "direct:order-in", record, "order", order.orderId(), attempt);
        }
        chargedOrders.failNextAdd(new org.apache.kafka.common.errors.TimeoutException("not acknowledged"));
        assertThat(
                StageRecords.attempt(template, "direct:order-in", record, "order", order.orderId(), 1 + maxRedeliveries)
                    .isFailed())
            .as("the offset must not be committed")
            .isTrue();
        int chargesBefore = charges(order.orderId()).size();

        Exchange again = consume(record);

        assertThat(again.getException()).isNull();
        assertThat(charges(order.orderId())).hasSize(chargesBefore);
        assertThat(chargedOrders.isDurable(order.orderId() + "/given-up/bank_unavailable"))
            .as("recorded for every process")
            .isTrue();
    }

    /**
     * The PAID status is acknowledged before the OrderPaid is published: the email
     * stage's CONFIRMED, which follows the OrderPaid, can then never land before it on
     * order_status (whose compaction keeps the last snapshot).
     */
    @Test
    void paidStatusIsPublishedBeforeTheOrderPaidEvent() throws Exception {
        List<String> published = new java.util.concurrent.CopyOnWriteArrayList<>();
        statusTopic.whenAnyExchangeReceived(exchange -> published.add("status"));
        confirmTopic.whenAnyExchangeReceived(exchange -> published.add("order_confirm"));

        Exchange done = consume(json(placed(APPROVES)));

        assertThat(done.getException()).isNull();
        assertThat(published).containsExactly("status", "order_confirm");
    }

    /**
     * The charge's key is recorded as a step of the record's work: if it cannot be, the
     * record is not finished. The next attempt charges nothing and records the key,
     * before the offset is committed.
     */
    @Test
    void aChargeWhoseKeyCannotBeRecordedLeavesItsRecordUnfinishedAndTheNextAttemptRecordsIt() throws Exception {
        OrderPlaced order = placed(APPROVES);
        String record = json(order);
        chargedOrders.failNextAdd(new org.apache.kafka.common.errors.TimeoutException("not acknowledged"));

        Exchange done = consume(record);

        assertThat(done.isFailed()).as("the offset must not be committed: the consumer tries the record again")
            .isTrue();

        Exchange again = StageRecords.attempt(template, "direct:order-in", record, "order", order.orderId(), 2);

        assertThat(again.getException()).isNull();
        assertThat(charges(order.orderId())).hasSize(1);
        assertThat(chargedOrders.isDurable(order.orderId())).as("recorded for every process").isTrue();
    }

    @Test
    void duplicateOrderIsChargedOnce() throws Exception {
        OrderPlaced order = placed(APPROVES);
        String record = json(order);

        Exchange first = consume(record);
        Exchange second = consume(record);

        assertThat(charges(order.orderId())).hasSize(1);
        assertThat(confirmTopic.getReceivedCounter()).isEqualTo(1);
        assertThat(statusTopic.getReceivedCounter()).isEqualTo(1);
        assertThat(first.getException()).isNull();
        assertThat(second.getException()).as("the duplicate is finished too, not retried").isNull();
    }

    /**
     * The slow card's answer comes after 10 s, past the stage's response timeout (1.5 s
     * in tests): the attempt's outcome is unknown, so the stage asks the bank (GET
     * /v1/payments/{orderId}), which charged when the request arrived: the order is paid
     * by that first attempt, with the bank's payment, and charged once.
     */
    @Test
    void chargeWhoseAnswerTimedOutIsResolvedByAskingTheBankAndPaidWithThePaymentItMade() throws Exception {
        OrderPlaced order = placed(SLOW);
        confirmTopic.expectedMessageCount(1);

        List<Exchange> attempts = untilFinished(json(order));

        assertThat(attempts).hasSize(1);
        assertThat(attempts.get(0).getException()).isNull();
        MockEndpoint.assertIsSatisfied(confirmTopic);
        assertThat(statusOf(0).get("status").asText()).isEqualTo("PAID");
        assertThat(charges(order.orderId())).as("one charge").hasSize(1);
        JsonNode payment = paymentAtTheBank(order.orderId());
        assertThat(payment.get("status").asText()).isEqualTo("APPROVED");
        assertThat(payment.get("lookups").asInt()).as("asked once").isEqualTo(1);
        assertThat(payment.get("replays").asInt()).as("never charged again").isZero();
        assertThat(deadLetterTopic.getReceivedCounter()).isZero();
    }

    /**
     * A stage that lost its memory of a charge (crashed after the bank call, before its
     * idempotency record was written) charges again with the same Idempotency-Key: the
     * bank gives the first payment again, so the order is paid once, with one paymentId.
     */
    @Test
    void orderChargedAgainAfterTheStageForgotItIsPaidWithTheFirstPayment() throws Exception {
        OrderPlaced order = placed(APPROVES);
        String record = json(order);
        consume(record);
        chargedOrders.remove(order.orderId());

        Exchange again = consume(record);

        assertThat(again.getException()).isNull();
        List<String> paymentIds = new ArrayList<>();
        for (Exchange paid : confirmTopic.getReceivedExchanges()) {
            paymentIds.add(mapper.readTree(paid.getMessage().getBody(String.class)).get("paymentId").asText());
        }
        assertThat(paymentIds).hasSize(2).containsOnly(paymentIds.get(0));
        List<LoggedResponse> answers = bankAnswers(order.orderId());
        assertThat(answers).extracting(LoggedResponse::getStatus).containsExactly(201, 201);
        assertThat(replayed(answers)).as("charged once, then replayed").containsExactly(false, true);
    }

    @Test
    void unreadableRecordIsDeadLetteredWithoutCallingTheBank() throws Exception {
        deadLetterTopic.expectedMessageCount(1);
        int bankCallsBefore = TestServers.bank().getAllServeEvents().size();

        Exchange done = consume("this is not JSON");

        assertThat(done.getException()).as("dead-lettered at the first attempt, not retried").isNull();
        MockEndpoint.assertIsSatisfied(deadLetterTopic);
        Message dead = deadLetterTopic.getReceivedExchanges().get(0).getMessage();
        assertThat(dead.getBody(String.class)).isEqualTo("this is not JSON");
        assertThat(dead.getHeader(KafkaConstants.OVERRIDE_TOPIC)).isEqualTo("order.DLT");
        assertThat(dead.getHeader("dlt-original-topic")).isEqualTo("order");
        assertThat(dead.getHeader("dlt-exception-class", String.class)).contains("Json");
        assertThat(TestServers.bank().getAllServeEvents()).hasSize(bankCallsBefore);
        assertThat(statusTopic.getReceivedCounter()).as("no order to mark FAILED").isZero();
        assertThat(confirmTopic.getReceivedCounter() + declinedTopic.getReceivedCounter()).isZero();
    }

    /**
     * Rotation: orders the api sealed under the old key before the active id changed
     * still complete.
     */
    @Test
    void orderSealedUnderTheRetiringKeyIsChargedAfterTheActiveKeyChanged() throws Exception {
        OrderPlaced order = placed(Orders.cipher(RETIRING_KEY_ID, Orders.OTHER_CARD_KEY), APPROVES);
        confirmTopic.expectedMessageCount(1);
        statusTopic.expectedMessageCount(1);

        Exchange done = consume(json(order));

        assertThat(done.getException()).isNull();
        MockEndpoint.assertIsSatisfied(confirmTopic, statusTopic);
        assertThat(statusOf(0).get("status").asText()).isEqualTo("PAID");
        List<LoggedRequest> charges = charges(order.orderId());
        assertThat(charges).hasSize(1);
        assertThat(mapper.readTree(charges.get(0).getBodyAsString()).at("/card/number").asText())
            .isEqualTo("4242424242424242");
        assertThat(placed(APPROVES).payment().keyId()).as("new orders are sealed under the active key")
            .isEqualTo(activeKeyId)
            .isNotEqualTo(RETIRING_KEY_ID);
    }

    /**
     * A rollout out of order (a key sealing orders before this stage holds it) is fixed
     * by a rollout: retried.
     */
    @Test
    void cardUnderAKeyIdTheStageDoesNotHoldIsRetriedThenDeadLetteredAndTheOrderFails() throws Exception {
        OrderPlaced order = placed(Orders.cipher("next", Orders.CARD_KEY), APPROVES);
        deadLetterTopic.expectedMessageCount(1);
        statusTopic.expectedMessageCount(1);
        int bankCallsBefore = TestServers.bank().getAllServeEvents().size();

        List<Exchange> attempts = untilFinished(json(order));

        assertThat(attempts).hasSize(1 + maxRedeliveries);
        assertThat(attempts.subList(0, maxRedeliveries)).allMatch(Exchange::isFailed);
        assertThat(attempts.get(maxRedeliveries).getException()).isNull();
        assertGivenUpUncharged(".UnknownCardKeyException", "card_key_unknown", bankCallsBefore);
    }

    /**
     * Another key under a key id the stage holds (or a tampered ciphertext): no attempt
     * can open it.
     */
    @Test
    void cardTheNamedKeyDoesNotOpenIsDeadLetteredAtOnceWithoutCallingTheBank() throws Exception {
        OrderPlaced order = placed(Orders.cipher(activeKeyId, Orders.OTHER_CARD_KEY), APPROVES);
        deadLetterTopic.expectedMessageCount(1);
        statusTopic.expectedMessageCount(1);
        int bankCallsBefore = TestServers.bank().getAllServeEvents().size();

        Exchange done = consume(json(order));

        assertThat(done.getException()).as("dead-lettered at the first attempt, not retried").isNull();
        assertGivenUpUncharged(".CardKeyException", "card_unreadable", bankCallsBefore);
    }

    @Test
    void outcomeThatCannotBePublishedFailsTheAttemptSoTheRecordIsTriedAgain() throws Exception {
        OrderPlaced order = placed(APPROVES);
        confirmTopic.whenAnyExchangeReceived(exchange -> {
            throw new org.apache.kafka.common.errors.TimeoutException("broker unavailable");
        });

        Exchange done = consume(json(order));

        assertThat(done.isFailed()).as("not finished: the consumer will attempt it again").isTrue();
        assertThat(statusTopic.getReceivedCounter()).as("PAID, published before the outcome").isEqualTo(1);
        assertThat(deadLetterTopic.getReceivedCounter()).isZero();
    }

    private OrderPlaced placed(String card) {
        return placed(cipher, card);
    }

    /** An order as an api holding another ring sealed it. */
    private static OrderPlaced placed(CardCipher sealedBy, String card) {
        OrderFactory factory = new OrderFactory(Orders.catalog(), sealedBy, Clock.systemUTC());
        return factory.place(Orders.anOrder().card(card, "12/39").build(), UUID.randomUUID().toString(),
                Orders.TRACE_ID);
    }

    /**
     * The record went to order.DLT for this exception, its order FAILED for this reason,
     * and the bank saw nothing.
     */
    private void assertGivenUpUncharged(String exceptionClass, String reason, int bankCallsBefore) throws Exception {
        MockEndpoint.assertIsSatisfied(deadLetterTopic, statusTopic);
        assertThat(deadLetterTopic.getReceivedExchanges()
            .get(0)
            .getMessage()
            .getHeader("dlt-exception-class", String.class)).endsWith(exceptionClass);
        assertThat(statusOf(0).get("reason").asText()).isEqualTo(reason);
        assertThat(TestServers.bank().getAllServeEvents()).hasSize(bankCallsBefore);
    }

    private String json(OrderPlaced order) throws Exception {
        return mapper.writeValueAsString(order);
    }

    /** The first attempt at a record, as the stage consumer hands it. */
    private Exchange consume(String record) {
        return StageRecords.attempt(template, "direct:order-in", record, "order", keyOf(record), 1);
    }

    /** Every attempt the stage consumer would make at a record, until one finishes it. */
    private List<Exchange> untilFinished(String record) {
        return StageRecords.untilFinished(template, "direct:order-in", record, "order", keyOf(record),
                1 + maxRedeliveries);
    }

    private String keyOf(String record) {
        try {
            return mapper.readTree(record).path("orderId").asText("poison");
        }
        catch (Exception e) {
            return "poison";
        }
    }

    private JsonNode statusOf(int index) throws Exception {
        Message status = statusTopic.getReceivedExchanges().get(index).getMessage();
        JsonNode snapshot = mapper.readTree(status.getBody(String.class));
        assertThat(status.getHeader(KafkaConstants.KEY)).isEqualTo(snapshot.get("orderId").asText());
        assertOnlyKeyAndPayloadType(status);
        return snapshot;
    }

    /** The bank's answers to the charges of one order, oldest first. */
    /**
     * The bank mock's own record of the payment under this Idempotency-Key (GET
     * /__admin/payments).
     */
    private JsonNode paymentAtTheBank(String idempotencyKey) throws Exception {
        java.net.http.HttpResponse<String> answer = java.net.http.HttpClient.newHttpClient()
            .send(java.net.http.HttpRequest
                .newBuilder(java.net.URI.create(TestServers.bank().baseUrl() + "/__admin/payments"))
                .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        for (JsonNode payment : mapper.readTree(answer.body())) {
            if (payment.get("idempotencyKey").asText().equals(idempotencyKey)) {
                return payment;
            }
        }
        throw new AssertionError("The bank has no payment under " + idempotencyKey);
    }

    private static List<LoggedResponse> bankAnswers(String orderId) {
        List<ServeEvent> events = new ArrayList<>(TestServers.bank().getAllServeEvents());
        Collections.reverse(events);
        return events.stream()
            .filter(event -> orderId.equals(event.getRequest().getHeader("Idempotency-Key")))
            .map(ServeEvent::getResponse)
            .toList();
    }

    /** Whether each answer was the bank's recorded decision given again. */
    private static List<Boolean> replayed(List<LoggedResponse> answers) {
        return answers.stream()
            .map(answer -> answer.getHeaders().getHeader("Idempotent-Replayed").isPresent())
            .toList();
    }

    private static List<LoggedRequest> charges(String orderId) {
        return TestServers.bank()
            .findAll(postRequestedFor(urlEqualTo("/v1/payments")).withHeader("Idempotency-Key", equalTo(orderId)));
    }

    /**
     * Record headers: the key, the JSON marshal's Content-Type and the trace context
     * Camel's tracer injects at the send, nothing from Kafka, the bank or the caller.
     */
    private static void assertOnlyKeyAndPayloadType(Message message) {
        Set<String> transport = message.getHeaders()
            .keySet()
            .stream()
            .filter(name -> !name.startsWith("Camel") && !name.startsWith("camel"))
            .collect(Collectors.toSet());
        assertThat(transport).contains(KafkaConstants.KEY)
            .isSubsetOf(KafkaConstants.KEY, "Content-Type", "traceparent");
        if (transport.contains("Content-Type")) {
            assertThat(message.getHeader("Content-Type")).isEqualTo("application/json");
        }
    }

}
