package io.kafkarestaurants.payment;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.kafkarestaurants.Application;
import io.kafkarestaurants.Orders;
import io.kafkarestaurants.events.OrderPlaced;
import io.kafkarestaurants.order.OrderFactory;
import io.kafkarestaurants.support.ClosedPorts;
import io.kafkarestaurants.support.TestServers;
import io.kafkarestaurants.support.InMemoryIdempotency;
import io.kafkarestaurants.support.StageRoutes;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.camel.CamelContext;
import org.apache.camel.EndpointInject;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.apache.camel.test.spring.junit5.UseAdviceWith;
import org.apache.kafka.common.errors.RebalanceInProgressException;
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
 * The transactions stage against the repo's bank mappings in WireMock: the Kafka consumer is replaced by
 * {@code direct:order-in}, every {@code kafka:} producer is mocked and skipped, and the charged-orders repository
 * lives in memory. Records carry a mocked {@link KafkaManualCommit}, so the tests see when an offset is committed.
 */
@CamelSpringBootTest
@UseAdviceWith
@SpringBootTest(classes = {Application.class, InMemoryIdempotency.class}, properties = {
    "restaurants.roles=transactions",
    "spring.kafka.admin.auto-create=false",
    InMemoryIdempotency.OVERRIDING})
@ActiveProfiles("test")
@DirtiesContext
class TransactionsRouteIT {

    static final String APPROVES = "4242 4242 4242 4242";
    static final String DECLINED = "4000000000000002";
    static final String FAILS_WITH_500 = "4000000000000119";

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

    @EndpointInject("mock:kafka:order_confirm")
    MockEndpoint confirmTopic;
    @EndpointInject("mock:kafka:order_declined")
    MockEndpoint declinedTopic;
    @EndpointInject("mock:kafka:order_status")
    MockEndpoint statusTopic;
    /**
     * The dead-letter route's {@code toD kafka:${exchangeProperty.deadLetterTopic}}: camel-kafka's SendDynamicAware
     * keeps one static endpoint named after the unresolved uri and names the topic in the
     * {@code kafka.OVERRIDE_TOPIC} header, so that is the endpoint the mock replaces.
     */
    @EndpointInject(StageRoutes.DEAD_LETTER_MOCK)
    MockEndpoint deadLetterTopic;


    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        ClosedPorts.noKafka(registry);
        TestServers.register(registry);
    }

    @BeforeEach
    void adviseAndStart() throws Exception {
        StageRoutes.adviseAndStart(context, "transactions-consume", "direct:order-in", "chargedOrders");
    }

    @Test
    void approvedCardPublishesOrderPaidAndPaidStatusThenCommits() throws Exception {
        OrderPlaced order = placed(APPROVES);
        confirmTopic.expectedMessageCount(1);
        statusTopic.expectedMessageCount(1);
        KafkaManualCommit commit = mock(KafkaManualCommit.class);

        Exchange done = consume(json(order), commit);

        assertThat(done.isFailed()).isFalse();
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
        verify(commit, times(1)).commit();

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
        KafkaManualCommit commit = mock(KafkaManualCommit.class);

        consume(json(order), commit);

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
        verify(commit, times(1)).commit();
    }

    @Test
    void bankFailingWith500IsRetriedThenDeadLetteredAsConsumedAndTheOrderFails() throws Exception {
        OrderPlaced order = placed(FAILS_WITH_500);
        String record = json(order);
        deadLetterTopic.expectedMessageCount(1);
        statusTopic.expectedMessageCount(1);
        KafkaManualCommit commit = mock(KafkaManualCommit.class);

        Exchange done = consume(record, commit);

        assertThat(done.isFailed()).as("the dead-letter channel handled the failure").isFalse();
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
        assertThat(dead.getHeader("dlt-failed-route")).isEqualTo("transactions-charge");
        assertThat(dead.getHeaders()).doesNotContainKeys(KafkaConstants.TOPIC, KafkaConstants.MANUAL_COMMIT,
                "X-Injected");
        JsonNode status = statusOf(0);
        assertThat(status.get("orderId").asText()).isEqualTo(order.orderId());
        assertThat(status.get("status").asText()).isEqualTo("FAILED");
        assertThat(status.get("reason").asText()).isEqualTo("bank_unavailable");
        assertThat(confirmTopic.getReceivedCounter()).isZero();
        assertThat(declinedTopic.getReceivedCounter()).isZero();
        verify(commit, times(1)).commit();
    }

    /**
     * transactions.camel.yaml promises: "An order already charged (or given up on) is skipped when its record is
     * consumed again" (e.g. when the dead-letter route's commit was lost to a rebalance).
     */
    @Test
    void deadLetteredOrderIsNotChargedAgainWhenConsumedAgain() throws Exception {
        OrderPlaced order = placed(FAILS_WITH_500);
        String record = json(order);
        consume(record, mock(KafkaManualCommit.class));
        int chargesBefore = charges(order.orderId()).size();
        MockEndpoint.resetMocks(context);
        KafkaManualCommit again = mock(KafkaManualCommit.class);

        consume(record, again);

        assertThat(charges(order.orderId())).hasSize(chargesBefore);
        assertThat(deadLetterTopic.getReceivedCounter()).isZero();
        assertThat(statusTopic.getReceivedCounter()).isZero();
        verify(again, times(1)).commit();
    }

    @Test
    void duplicateOrderIsChargedOnce() throws Exception {
        OrderPlaced order = placed(APPROVES);
        String record = json(order);
        KafkaManualCommit first = mock(KafkaManualCommit.class);
        KafkaManualCommit second = mock(KafkaManualCommit.class);

        consume(record, first);
        consume(record, second);

        assertThat(charges(order.orderId())).hasSize(1);
        assertThat(confirmTopic.getReceivedCounter()).isEqualTo(1);
        assertThat(statusTopic.getReceivedCounter()).isEqualTo(1);
        verify(first, times(1)).commit();
        verify(second, times(1)).commit();
    }

    @Test
    void unreadableRecordIsDeadLetteredWithoutCallingTheBank() throws Exception {
        deadLetterTopic.expectedMessageCount(1);
        KafkaManualCommit commit = mock(KafkaManualCommit.class);
        int bankCallsBefore = TestServers.bank().getAllServeEvents().size();

        consume("this is not JSON", commit);

        MockEndpoint.assertIsSatisfied(deadLetterTopic);
        Message dead = deadLetterTopic.getReceivedExchanges().get(0).getMessage();
        assertThat(dead.getBody(String.class)).isEqualTo("this is not JSON");
        assertThat(dead.getHeader(KafkaConstants.OVERRIDE_TOPIC)).isEqualTo("order.DLT");
        assertThat(dead.getHeader("dlt-original-topic")).isEqualTo("order");
        assertThat(dead.getHeader("dlt-exception-class", String.class)).contains("Json");
        assertThat(TestServers.bank().getAllServeEvents()).hasSize(bankCallsBefore);
        assertThat(statusTopic.getReceivedCounter()).as("no order to mark FAILED").isZero();
        assertThat(confirmTopic.getReceivedCounter() + declinedTopic.getReceivedCounter()).isZero();
        verify(commit, times(1)).commit();
    }

    @Test
    void failingCommitLeavesTheRecordToBeConsumedAgain() throws Exception {
        OrderPlaced order = placed(APPROVES);
        KafkaManualCommit commit = mock(KafkaManualCommit.class);
        doThrow(new RebalanceInProgressException("rebalance")).when(commit).commit();

        Exchange done = consume(json(order), commit);

        assertThat(done.isFailed()).as("the consumer sees the failure and seeks back").isTrue();
        verify(commit, times(1)).commit();
    }

    private OrderPlaced placed(String card) {
        OrderFactory factory = new OrderFactory(Orders.catalog(), cipher, Clock.systemUTC());
        return factory.place(Orders.anOrder().card(card, "12/39").build());
    }

    private String json(OrderPlaced order) throws Exception {
        return mapper.writeValueAsString(order);
    }

    /** Hands one record to the stage as the Kafka consumer would: key, topic, partition, offset, commit handle. */
    private Exchange consume(String record, KafkaManualCommit commit) {
        return template.send("direct:order-in", exchange -> {
            Message message = exchange.getMessage();
            message.setBody(record);
            message.setHeader(KafkaConstants.MANUAL_COMMIT, commit);
            message.setHeader(KafkaConstants.TOPIC, "order");
            message.setHeader(KafkaConstants.PARTITION, 1);
            message.setHeader(KafkaConstants.OFFSET, 42L);
            message.setHeader(KafkaConstants.KEY, keyOf(record));
            message.setHeader("X-Injected", "yes");
        });
    }

    private String keyOf(String record) {
        try {
            return mapper.readTree(record).path("orderId").asText("poison");
        } catch (Exception e) {
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

    private static List<LoggedRequest> charges(String orderId) {
        return TestServers.bank().findAll(postRequestedFor(urlEqualTo("/v1/payments"))
                .withHeader("Idempotency-Key", equalTo(orderId)));
    }

    /** Record headers: the key and the JSON marshal's Content-Type, nothing from Kafka, the bank or the caller. */
    private static void assertOnlyKeyAndPayloadType(Message message) {
        Set<String> transport = message.getHeaders().keySet().stream()
                .filter(name -> !name.startsWith("Camel") && !name.startsWith("camel"))
                .collect(Collectors.toSet());
        assertThat(transport).contains(KafkaConstants.KEY).isSubsetOf(KafkaConstants.KEY, "Content-Type");
        if (transport.contains("Content-Type")) {
            assertThat(message.getHeader("Content-Type")).isEqualTo("application/json");
        }
    }
}
