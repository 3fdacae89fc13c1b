package io.kafkarestaurants.order;

import static io.kafkarestaurants.support.PipelineClient.order;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kafkarestaurants.Orders;
import io.kafkarestaurants.events.OrderPlaced;
import io.kafkarestaurants.status.DrivenOrderView;
import io.kafkarestaurants.status.StatusEvents;
import io.kafkarestaurants.support.ClosedPorts;
import io.kafkarestaurants.support.PipelineClient;
import io.kafkarestaurants.support.PipelineClient.Answer;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.apache.camel.CamelContext;
import org.apache.camel.EndpointInject;
import org.apache.camel.Message;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.apache.camel.test.spring.junit5.UseAdviceWith;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.convention.TestBean;

/**
 * {@code POST /orders} through the api role's real REST endpoint, with every
 * {@code kafka:} endpoint mocked and skipped: what intake hands to Kafka (the order's
 * RECEIVED status, then the order), what it refuses before publishing anything, and the
 * 503 it answers when Kafka does not acknowledge.
 */
@CamelSpringBootTest
@UseAdviceWith
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = { "restaurants.roles=api",
        // The orderViewSource bean is replaced by @TestBean (Spring Boot forbids
        // replacing a bean unless told).
        "spring.main.allow-bean-definition-overriding=true", "spring.kafka.admin.auto-create=false" })
@ActiveProfiles("test")
@DirtiesContext
class OrderIntakeRouteTest {

    static final String CARD = "4242 4242 4242 4242";
    static final String CARD_DIGITS = "4242424242424242";
    static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    CamelContext context;

    @LocalServerPort
    int port;

    @EndpointInject("mock:kafka:order")
    MockEndpoint orderTopic;

    @EndpointInject("mock:kafka:order_status")
    MockEndpoint statusTopic;

    /**
     * The order view without a broker: its real topology under Kafka Streams' test
     * driver.
     */
    @TestBean(name = "orderViewSource", methodName = DrivenOrderView.FACTORY)
    DrivenOrderView orderView;

    PipelineClient client;

    @DynamicPropertySource
    static void noKafka(DynamicPropertyRegistry registry) {
        ClosedPorts.noKafka(registry);
    }

    @BeforeEach
    void adviseAndStart() throws Exception {
        if (!context.isStarted()) {
            AdviceWith.adviceWith(context, "order-intake-place", a -> a.mockEndpointsAndSkip("kafka:*"));
            context.start();
        }
        MockEndpoint.resetMocks(context);
        client = new PipelineClient(port);
    }

    @Test
    void validOrderIsPublishedKeyedByOrderIdWithItsReceivedStatus() throws Exception {
        orderTopic.expectedMessageCount(1);
        statusTopic.expectedMessageCount(1);

        Answer answer = client.post("/orders", order("ada@example.com", CARD), Map.of("Idempotency-Key",
                "intake-" + UUID.randomUUID(), "X-Leak", "1", "Content-Type", "application/json; charset=utf-8"));

        assertThat(answer.status()).isEqualTo(202);
        String orderId = answer.json().get("orderId").asText();
        assertThat(answer.json().get("status").asText()).isEqualTo("RECEIVED");
        MockEndpoint.assertIsSatisfied(orderTopic, statusTopic);

        Message placed = orderTopic.getReceivedExchanges().get(0).getMessage();
        assertThat(placed.getHeader("kafka.KEY")).isEqualTo(orderId);
        String event = placed.getBody(String.class);
        JsonNode json = JSON.readTree(event);
        assertThat(json.get("eventType").asText()).isEqualTo("OrderPlaced");
        assertThat(json.get("orderId").asText()).isEqualTo(orderId);
        assertThat(json.at("/order/total/value").asText()).isEqualTo("25.50");
        assertThat(json.at("/order/card/last4").asText()).isEqualTo("4242");
        assertThat(json.at("/payment/keyId").asText()).isEqualTo("test");
        assertThat(event).doesNotContain(CARD_DIGITS, CARD, "12/39");
        assertOnlyKeyAndPayloadType(placed);

        Message received = statusTopic.getReceivedExchanges().get(0).getMessage();
        assertThat(received.getHeader("kafka.KEY")).isEqualTo(orderId);
        JsonNode status = JSON.readTree(received.getBody(String.class));
        assertThat(status.get("eventType").asText()).isEqualTo("OrderStatusChanged");
        assertThat(status.get("orderId").asText()).isEqualTo(orderId);
        assertThat(status.get("status").asText()).isEqualTo("RECEIVED");
        assertThat(status.get("history")).hasSize(1);
        assertThat(received.getBody(String.class)).doesNotContain(CARD_DIGITS, CARD);
        assertOnlyKeyAndPayloadType(received);
    }

    @Test
    void withAnIdempotencyKeyTheOrderIsNamedByTheKeyAndTheOrder() throws Exception {
        String key = "intake-" + UUID.randomUUID();
        Map<String, Object> body = order("ada@example.com", CARD);

        Answer answer = client.post("/orders", body, Map.of("Idempotency-Key", key));

        assertThat(answer.json().get("orderId").asText()).isEqualTo(orderIdOf(key, body));
    }

    @Test
    void invalidOrderIsA400AndNothingIsPublished() {
        Map<String, Object> invalid = order("not-an-email", "4242 4242 4242 4241");

        Answer answer = client.post("/orders", invalid);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        assertThat(answer.json().get("errors").findValuesAsText("field")).contains("email", "card.number");
        assertThat(answer.body()).doesNotContain("4242424242424241", "4242 4242 4242 4241");
        assertThat(orderTopic.getReceivedCounter()).isZero();
        assertThat(statusTopic.getReceivedCounter()).isZero();
    }

    @Test
    void unreadableBodyIsA400AndNothingIsPublished() {
        Answer answer = client.post("/orders", "{\"restaurantId\": ");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        assertThat(orderTopic.getReceivedCounter()).isZero();
        assertThat(statusTopic.getReceivedCounter()).isZero();
    }

    @Test
    void sameIdempotencyKeyReplaysTheAnswerWithoutPublishingAgain() {
        String key = "intake-" + UUID.randomUUID();
        Map<String, Object> body = order("ada@example.com", CARD);

        Answer first = client.post("/orders", body, Map.of("Idempotency-Key", key));
        Answer replay = client.post("/orders", body, Map.of("Idempotency-Key", key));
        Answer other = client.post("/orders", order("bob@example.com", CARD), Map.of("Idempotency-Key", key));

        assertThat(first.status()).isEqualTo(202);
        assertThat(replay.status()).isEqualTo(202);
        assertThat(replay.json().get("orderId")).isEqualTo(first.json().get("orderId"));
        assertThat(other.status()).isEqualTo(409);
        assertThat(other.header("Content-Type")).startsWith("application/problem+json");
        assertThat(orderTopic.getReceivedCounter()).isEqualTo(1);
        assertThat(statusTopic.getReceivedCounter()).as("the replay and the conflict add none").isEqualTo(1);
    }

    @Test
    void theSameOrderSentAgainInAnotherShapeWithTheSameKeyIsReplayed() {
        String key = "intake-" + UUID.randomUUID();
        String reSerialized = """
                {"fulfilment": {"address": "  12 Harbour St ", "type": "delivery"},
                 "card": {"expiry": "12/39 ", "number": "4242-4242-4242-4242"},
                 "email": "ada@example.com",
                 "items": [{"quantity": 2, "menuItemId": "margherita"}, {"quantity": 1, "menuItemId": "tiramisu"}],
                 "restaurantId": "amore-mio"}
                """;

        Answer first = client.post("/orders", order("ada@example.com", CARD), Map.of("Idempotency-Key", key));
        Answer again = client.post("/orders", reSerialized, Map.of("Idempotency-Key", key));

        assertThat(first.status()).isEqualTo(202);
        assertThat(again.status()).isEqualTo(202);
        assertThat(again.json().get("orderId")).isEqualTo(first.json().get("orderId"));
        assertThat(orderTopic.getReceivedCounter()).isEqualTo(1);
    }

    /**
     * A retry that reaches a replica after a stage had the order: published again,
     * RECEIVED would land after PAID.
     */
    @Test
    void aRetryOfAnOrderTheViewHoldsPastReceivedIsAnsweredFromTheViewAndPublishesNothing() throws Exception {
        String key = "intake-" + UUID.randomUUID();
        Map<String, Object> body = order("ada@example.com", CARD);
        String orderId = orderIdOf(key, body);
        OrderPlaced placedOnAnotherReplica = Orders.orderFactory()
            .place(Orders.pickupOrder(), orderId, Orders.TRACE_ID);
        orderView.publish(new StatusEvents(Orders.clock()).decided(Orders.paid(placedOnAnotherReplica)));

        Answer retry = client.post("/orders", body, Map.of("Idempotency-Key", key));

        assertThat(retry.status()).isEqualTo(202);
        assertThat(retry.json().get("orderId").asText()).isEqualTo(orderId);
        assertThat(retry.json().get("status").asText()).isEqualTo("PAID");
        assertThat(retry.json().get("statusUrl").asText()).isEqualTo("/orders/" + orderId);
        assertThat(statusTopic.getReceivedCounter()).isZero();
        assertThat(orderTopic.getReceivedCounter()).isZero();
    }

    @Test
    @DirtiesContext(methodMode = DirtiesContext.MethodMode.AFTER_METHOD)
    void receivedStatusNotAcknowledgedIsA503AndNoOrderIsPublished() throws Exception {
        AdviceWith.adviceWith(context, "order-received-publish",
                a -> a.weaveById("order-received-publish-send")
                    .replace()
                    .throwException(new TimeoutException("Topic order_status not present in metadata after 3000 ms.")));
        String key = "intake-" + UUID.randomUUID();
        Map<String, Object> body = order("ada@example.com", CARD);

        Answer answer = client.post("/orders", body, Map.of("Idempotency-Key", key));

        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.header("Retry-After")).isEqualTo("5");
        assertThat(answer.json().get("detail").asText()).contains("nothing was placed");
        assertThat(orderTopic.getReceivedCounter()).isZero();
        assertThat(client.status(orderIdOf(key, body))).as("this replica's view does not know the order").isNull();
    }

    /**
     * The order is sent only once its RECEIVED status is acknowledged; a send of the
     * order that times out may still be appended, so the 503 says the order may exist,
     * and a retry with the same key names the same order.
     */
    @Test
    @DirtiesContext(methodMode = DirtiesContext.MethodMode.AFTER_METHOD)
    void orderNotAcknowledgedIsA503SayingItMayBePlacedAndTheRetryWithTheSameKeyNamesTheSameOrder() throws Exception {
        AtomicBoolean failNextSend = new AtomicBoolean(true);
        AdviceWith.adviceWith(context, "order-publish",
                a -> a.weaveById("order-publish-send").before().process(exchange -> {
                    if (failNextSend.getAndSet(false)) {
                        throw new TimeoutException("Expiring 1 record(s) for order-0: 3000 ms has passed");
                    }
                }));
        String key = "intake-" + UUID.randomUUID();
        Map<String, Object> body = order("ada@example.com", CARD);

        Answer answer = client.post("/orders", body, Map.of("Idempotency-Key", key));

        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.header("Retry-After")).isEqualTo("5");
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        assertThat(answer.json().get("status").asInt()).isEqualTo(503);
        assertThat(answer.json().get("detail").asText()).contains("may have been placed", "same Idempotency-Key");
        assertThat(answer.body()).doesNotContain(CARD_DIGITS, CARD, "TimeoutException", key);
        assertThat(orderTopic.getReceivedCounter()).isZero();
        assertThat(statusTopic.getReceivedCounter()).as("RECEIVED was acknowledged before the order was sent")
            .isEqualTo(1);
        String orderId = orderIdOf(key, body);
        JsonNode received = JSON.readTree(statusTopic.getReceivedExchanges().get(0).getMessage().getBody(String.class));
        assertThat(received.get("orderId").asText()).isEqualTo(orderId);
        assertThat(received.get("status").asText()).isEqualTo("RECEIVED");
        assertThat(client.status(orderId)).as("the view holds what order_status holds").isEqualTo("RECEIVED");

        Answer retry = client.post("/orders", body, Map.of("Idempotency-Key", key));

        assertThat(retry.status()).isEqualTo(202);
        assertThat(retry.json().get("orderId").asText()).isEqualTo(orderId);
        assertThat(orderTopic.getReceivedCounter()).isEqualTo(1);
        assertThat(orderTopic.getReceivedExchanges().get(0).getMessage().getHeader("kafka.KEY")).isEqualTo(orderId);
        assertThat(statusTopic.getReceivedExchanges()).as("RECEIVED again, the same order's")
            .extracting(exchange -> exchange.getMessage().getHeader("kafka.KEY"))
            .containsExactly(orderId, orderId);
    }

    @Test
    @DirtiesContext(methodMode = DirtiesContext.MethodMode.AFTER_METHOD)
    void orderWithoutAKeyNotAcknowledgedIsA503SayingItMayBePlacedAndToSendAKey() throws Exception {
        AdviceWith.adviceWith(context, "order-publish",
                a -> a.weaveById("order-publish-send")
                    .replace()
                    .throwException(new TimeoutException("Expiring 1 record(s) for order-0: 3000 ms has passed")));

        Answer answer = client.post("/orders", order("ada@example.com", CARD));

        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.header("Retry-After")).isEqualTo("5");
        assertThat(answer.json().get("detail").asText()).contains("may have been placed", "without an Idempotency-Key",
                "send one");
    }

    private static String orderIdOf(String key, Map<String, Object> body) throws Exception {
        return new OrderIds().of(key, new OrderRequests(65536).read(JSON.writeValueAsBytes(body)));
    }

    /**
     * The headers a Kafka producer turns into record headers (all but Camel's own) are
     * the key, the {@code Content-Type} the JSON marshal sets and the trace context
     * Camel's tracer injects at the send: nothing from the HTTP request (its Content-Type
     * carried a charset, Idempotency-Key, X-Leak, Host, User-Agent ...).
     */
    private static void assertOnlyKeyAndPayloadType(Message message) {
        Set<String> transport = message.getHeaders()
            .keySet()
            .stream()
            .filter(name -> !name.startsWith("Camel") && !name.startsWith("camel"))
            .collect(Collectors.toSet());
        assertThat(transport).contains("kafka.KEY").isSubsetOf("kafka.KEY", "Content-Type", "traceparent");
        if (transport.contains("Content-Type")) {
            assertThat(message.getHeader("Content-Type")).isEqualTo("application/json");
        }
    }

}
