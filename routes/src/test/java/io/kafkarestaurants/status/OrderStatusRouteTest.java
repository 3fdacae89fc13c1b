package io.kafkarestaurants.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kafkarestaurants.Orders;
import io.kafkarestaurants.events.OrderPlaced;
import io.kafkarestaurants.events.OrderStatusChanged;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.apache.camel.EndpointInject;
import io.kafkarestaurants.support.ClosedPorts;
import io.kafkarestaurants.support.PipelineClient;
import io.kafkarestaurants.support.PipelineClient.Answer;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.apache.camel.test.spring.junit5.UseAdviceWith;
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
 * The api role's order view: order_status records go through the view's real Kafka
 * Streams topology (RocksDB store and all, under Kafka Streams' test driver instead of a
 * broker) and {@code GET /orders/{id}} answers from it through the real REST endpoint.
 * Snapshots only move forward, a tombstone forgets the order, an unreadable record is
 * skipped and the view keeps going, a stale snapshot landing after a newer one gets the
 * newer one published again; the retention sweep tombstones terminal orders older than
 * the retention, and only them.
 */
@CamelSpringBootTest
@UseAdviceWith
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = { "restaurants.roles=api",
        // The orderViewSource bean is replaced by @TestBean (Spring Boot forbids
        // replacing a bean unless told).
        "spring.main.allow-bean-definition-overriding=true", "restaurants.order-view.retention=30d",
        "spring.kafka.admin.auto-create=false" })
@ActiveProfiles("test")
@DirtiesContext
class OrderStatusRouteTest {

    @Autowired
    CamelContext context;

    @Autowired
    ProducerTemplate template;

    @Autowired
    ObjectMapper mapper;

    @LocalServerPort
    int port;

    @EndpointInject("mock:kafka:order_status")
    MockEndpoint statusTopic;

    /**
     * The order view without a broker: its real topology under Kafka Streams' test
     * driver.
     */
    @TestBean(name = "orderViewSource", methodName = DrivenOrderView.FACTORY)
    DrivenOrderView orderView;

    /**
     * Orders as of 2026-03-15, months before any run of this test: past a 30-day
     * retention once terminal.
     */
    final StatusEvents statusEvents = new StatusEvents(Orders.clock());

    PipelineClient client;

    @DynamicPropertySource
    static void noKafka(DynamicPropertyRegistry registry) {
        ClosedPorts.noKafka(registry);
    }

    @BeforeEach
    void adviseAndStart() throws Exception {
        if (!context.isStarted()) {
            AdviceWith.adviceWith(context, "order-view-retention", a -> {
                a.replaceFromWith("direct:sweep");
                a.mockEndpointsAndSkip("kafka:*");
            });
            AdviceWith.adviceWith(context, "order-status-publish", a -> a.mockEndpointsAndSkip("kafka:*"));
            context.start();
        }
        MockEndpoint.resetMocks(context);
        client = new PipelineClient(port);
    }

    @Test
    void latestSnapshotWinsAndAStaleOneIsIgnored() throws Exception {
        OrderPlaced placed = Orders.placed();
        OrderStatusChanged received = statusEvents.received(placed);
        OrderStatusChanged paid = statusEvents.decided(Orders.paid(placed));

        orderView.publish(received);
        assertThat(client.status(placed.orderId())).isEqualTo("RECEIVED");
        orderView.publish(paid);
        orderView.publish(received);

        Answer answer = client.get("/orders/" + placed.orderId());
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.header("Content-Type")).startsWith("application/json");
        JsonNode view = answer.json();
        assertThat(view.get("orderId").asText()).isEqualTo(placed.orderId());
        assertThat(view.get("status").asText()).isEqualTo("PAID");
        assertThat(view.get("history")).hasSize(2);
        assertThat(view.get("history").findValuesAsText("status")).containsExactly("RECEIVED", "PAID");
        assertThat(view.at("/restaurant/name").asText()).isEqualTo("Trattoria Test");
        assertThat(view.at("/total/value").asText()).isEqualTo("25.25");
        assertThat(view.at("/card/last4").asText()).isEqualTo("4242");
        assertThat(view.get("notified").asBoolean()).isFalse();
        assertThat(answer.body()).doesNotContain(Orders.VISA, "ciphertext");
    }

    @Test
    void unknownOrderIsA404Problem() {
        Answer answer = client.get("/orders/no-such-order");

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        assertThat(answer.json().get("status").asInt()).isEqualTo(404);
    }

    @Test
    void tombstoneForgetsTheOrder() {
        OrderPlaced placed = Orders.placed();
        orderView.publish(statusEvents.decided(Orders.paid(placed)));
        assertThat(client.status(placed.orderId())).isEqualTo("PAID");

        orderView.publish(placed.orderId(), null);

        assertThat(client.get("/orders/" + placed.orderId()).status()).isEqualTo(404);
    }

    @Test
    void unreadableRecordIsSkippedAndLaterSnapshotsAreStillApplied() {
        OrderPlaced garbled = Orders.placed();
        orderView.publish(garbled.orderId(), "this is not JSON".getBytes(StandardCharsets.UTF_8));
        orderView.publish(garbled.orderId(), "{\"eventType\":\"OrderStatusChanged\"}".getBytes(StandardCharsets.UTF_8));
        OrderPlaced placed = Orders.placed();
        orderView.publish(statusEvents.decided(Orders.declined(placed, "card_declined")));

        assertThat(client.get("/orders/" + garbled.orderId()).status()).isEqualTo(404);
        JsonNode view = client.get("/orders/" + placed.orderId()).json();
        assertThat(view.get("status").asText()).isEqualTo("DECLINED");
        assertThat(view.get("reason").asText()).isEqualTo("card_declined");
    }

    @Test
    void notifiedSnapshotOfTheSameStepSupersedesTheUnnotifiedOne() {
        OrderPlaced placed = Orders.placed();
        var declined = Orders.declined(placed, "insufficient_funds");
        orderView.publish(statusEvents.decided(declined));
        assertThat(client.get("/orders/" + placed.orderId()).json().get("notified").asBoolean()).isFalse();

        orderView.publish(statusEvents.declineNotified(declined));

        JsonNode view = client.get("/orders/" + placed.orderId()).json();
        assertThat(view.get("status").asText()).isEqualTo("DECLINED");
        assertThat(view.get("notified").asBoolean()).isTrue();
    }

    @Test
    void aStaleSnapshotThatOvertakesANewerOneIsRepairedByPublishingTheNewerOneAgain() {
        OrderPlaced placed = Orders.placed();
        orderView.publish(statusEvents.received(placed));
        orderView.publish(statusEvents.confirmed(Orders.paid(placed), Orders.TRACE_ID));

        orderView.publish(statusEvents.received(placed));

        await().atMost(Duration.ofSeconds(10))
            .untilAsserted(() -> assertThat(statusTopic.getReceivedExchanges())
                .filteredOn(record -> placed.orderId().equals(record.getMessage().getHeader("kafka.KEY")))
                .singleElement()
                .satisfies(record -> assertThat(
                        mapper.readTree(record.getMessage().getBody(byte[].class)).get("status").asText())
                    .isEqualTo("CONFIRMED")));
        assertThat(client.status(placed.orderId())).isEqualTo("CONFIRMED");
    }

    @Test
    void retentionSweepTombstonesOnlyTerminalOrdersOlderThanTheRetention() throws Exception {
        StatusEvents recently = new StatusEvents(Clock.offset(Clock.systemUTC(), Duration.ofDays(-29)));
        OrderPlaced oldConfirmed = Orders.placed();
        OrderPlaced oldFailed = Orders.placed();
        OrderPlaced oldStillReceived = Orders.placed();
        OrderPlaced recentConfirmed = Orders.placed();
        orderView.publish(statusEvents.confirmed(Orders.paid(oldConfirmed), Orders.TRACE_ID));
        orderView.publish(statusEvents.failed(oldFailed, new IllegalStateException("gave up"), Orders.TRACE_ID));
        orderView.publish(statusEvents.received(oldStillReceived));
        orderView.publish(recently.confirmed(Orders.paid(recentConfirmed), Orders.TRACE_ID));
        template.sendBody("direct:sweep", null);

        // Tombstones only: a repair of an earlier test's stale snapshot may land on the
        // same mocked topic.
        List<String> tombstoned = statusTopic.getReceivedExchanges()
            .stream()
            .filter(record -> record.getMessage().getBody() == null)
            .map(tombstone -> tombstone.getMessage().getHeader("kafka.KEY", String.class))
            .toList();
        assertThat(tombstoned).contains(oldConfirmed.orderId(), oldFailed.orderId())
            .doesNotContain(oldStillReceived.orderId(), recentConfirmed.orderId());
    }

}
