package io.kafkarestaurants.status;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kafkarestaurants.Orders;
import io.kafkarestaurants.events.OrderPlaced;
import io.kafkarestaurants.events.OrderStatusChanged;
import io.kafkarestaurants.support.ClosedPorts;
import io.kafkarestaurants.support.PipelineClient;
import io.kafkarestaurants.support.PipelineClient.Answer;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.kafka.KafkaConstants;
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

/**
 * The api role's order view: {@code order-status-view} reads order_status snapshots (here from
 * {@code direct:status-in} instead of Kafka) and {@code GET /orders/{id}} answers from it through the real REST
 * endpoint. Snapshots only move forward; tombstones and unreadable records are skipped and the view keeps going.
 */
@CamelSpringBootTest
@UseAdviceWith
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "restaurants.roles=api",
    "spring.kafka.admin.auto-create=false"})
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

    final StatusEvents statusEvents = new StatusEvents(Orders.clock());
    PipelineClient client;

    @DynamicPropertySource
    static void noKafka(DynamicPropertyRegistry registry) {
        ClosedPorts.noKafka(registry);
    }

    @BeforeEach
    void adviseAndStart() throws Exception {
        if (!context.isStarted()) {
            AdviceWith.adviceWith(context, "order-status-view", a -> a.replaceFromWith("direct:status-in"));
            context.start();
        }
        client = new PipelineClient(port);
    }

    @Test
    void latestSnapshotWinsAndAStaleOneIsIgnored() throws Exception {
        OrderPlaced placed = Orders.placed();
        OrderStatusChanged received = statusEvents.received(placed);
        OrderStatusChanged paid = statusEvents.decided(Orders.paid(placed));

        assertThat(read(received).isFailed()).isFalse();
        assertThat(client.status(placed.orderId())).isEqualTo("RECEIVED");
        read(paid);
        read(received);

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
    void tombstoneIsSkippedWithoutTouchingTheView() throws Exception {
        OrderPlaced placed = Orders.placed();
        read(statusEvents.decided(Orders.paid(placed)));

        Exchange tombstone = template.send("direct:status-in", exchange -> {
            exchange.getMessage().setBody(null);
            exchange.getMessage().setHeader(KafkaConstants.KEY, placed.orderId());
        });

        assertThat(tombstone.isFailed()).isFalse();
        assertThat(tombstone.getProperty(Exchange.EXCEPTION_CAUGHT)).as("skipped, not failed and caught").isNull();
        assertThat(client.status(placed.orderId())).isEqualTo("PAID");
    }

    @Test
    void unreadableRecordIsSkippedAndLaterSnapshotsAreStillApplied() throws Exception {
        Exchange garbage = template.send("direct:status-in", exchange -> {
            exchange.getMessage().setBody("this is not JSON");
            exchange.getMessage().setHeader(KafkaConstants.PARTITION, 0);
            exchange.getMessage().setHeader(KafkaConstants.OFFSET, 9L);
        });
        Exchange incomplete = template.send("direct:status-in",
                exchange -> exchange.getMessage().setBody("{\"eventType\":\"OrderStatusChanged\"}"));
        OrderPlaced placed = Orders.placed();
        Exchange valid = read(statusEvents.decided(Orders.declined(placed, "card_declined")));

        assertThat(garbage.isFailed()).as("handled by status-view-errors, so the consumer goes on").isFalse();
        assertThat(garbage.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class))
                .isInstanceOf(JacksonException.class);
        assertThat(incomplete.isFailed()).isFalse();
        assertThat(valid.isFailed()).isFalse();
        JsonNode view = client.get("/orders/" + placed.orderId()).json();
        assertThat(view.get("status").asText()).isEqualTo("DECLINED");
        assertThat(view.get("reason").asText()).isEqualTo("card_declined");
    }

    @Test
    void notifiedSnapshotOfTheSameStepSupersedesTheUnnotifiedOne() throws Exception {
        OrderPlaced placed = Orders.placed();
        var declined = Orders.declined(placed, "insufficient_funds");
        read(statusEvents.decided(declined));
        assertThat(client.get("/orders/" + placed.orderId()).json().get("notified").asBoolean()).isFalse();

        read(statusEvents.declineNotified(declined));

        JsonNode view = client.get("/orders/" + placed.orderId()).json();
        assertThat(view.get("status").asText()).isEqualTo("DECLINED");
        assertThat(view.get("notified").asBoolean()).isTrue();
    }

    /** One order_status record, as the status view consumes it from Kafka (JSON, keyed by orderId). */
    private Exchange read(OrderStatusChanged snapshot) throws Exception {
        String json = mapper.writeValueAsString(snapshot);
        return template.send("direct:status-in", exchange -> {
            exchange.getMessage().setBody(json);
            exchange.getMessage().setHeader(KafkaConstants.KEY, snapshot.orderId());
        });
    }
}
