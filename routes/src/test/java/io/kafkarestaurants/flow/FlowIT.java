package io.kafkarestaurants.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.kafkarestaurants.Orders;
import io.kafkarestaurants.support.PipelineClient;
import io.kafkarestaurants.support.TestServers;
import io.kafkarestaurants.support.TopicReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The /flow endpoints of a running api role against a real broker: test orders go through
 * the real intake onto {@code order}, /flow shows the topic's rate and, with no
 * transactions role running, the transactions stage's lag growing with them; each placed
 * order has a trail. No answer carries an email, an address or a card number.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "restaurants.roles=api", "restaurants.flow.sample-interval=200ms",
                "restaurants.flow.test-orders.approved-card=" + Orders.VISA,
                "restaurants.flow.test-orders.declined-card=" + Orders.DECLINED_VISA })
@ActiveProfiles("test")
@EmbeddedKafka(kraft = true, count = 1, bootstrapServersProperty = "camel.component.kafka.brokers")
class FlowIT {

    private static final int COUNT = 20;

    @LocalServerPort
    int port;

    @Value("${camel.component.kafka.brokers}")
    String brokers;

    private final List<String> answers = new ArrayList<>();

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        TestServers.register(registry);
    }

    @Test
    void testOrdersShowAsTheOrderTopicsRateTheStagesLagAndTrails() {
        await().atMost(Duration.ofSeconds(60)).until(() -> get("/flow").status() == 200);

        PipelineClient.Answer started = client().post("/flow/test-orders",
                Map.of("count", COUNT, "ratePerSecond", 10, "declineShare", 0.2));
        assertThat(started.status()).isEqualTo(202);
        assertThat(started.json().get("state").asText()).isEqualTo("running");
        assertThat(started.json().get("requested").asInt()).isEqualTo(COUNT);
        PipelineClient.Answer second = client().post("/flow/test-orders", Map.of("count", 1, "ratePerSecond", 1));
        assertThat(second.status()).isEqualTo(409);
        assertThat(second.header("Content-Type")).startsWith("application/problem+json");

        await().atMost(Duration.ofSeconds(30))
            .untilAsserted(() -> assertThat(node(flow(), "topic:order").path("ratePerSecond").asDouble()).isPositive());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode flow = flow();
            assertThat(flow.at("/testOrders/run/state").asText()).isEqualTo("done");
            assertThat(flow.at("/testOrders/run/accepted").asInt()).isEqualTo(COUNT);
            assertThat(node(flow, "topic:order").path("records").asLong()).isEqualTo(COUNT);
            assertThat(node(flow, "transactions").path("lag").asLong()).isEqualTo(COUNT);
        });
        JsonNode flow = flow();
        assertThat(flow.get("stale").asBoolean()).isFalse();
        assertThat(flow.at("/series/stages")).extracting(JsonNode::asText)
            .containsExactly("intake", "transactions", "email");
        assertThat(StreamSupport.stream(flow.at("/series/points").spliterator(), false)
            .mapToDouble(point -> point.at("/rates/intake").asDouble())
            .max()
            .orElse(0)).isPositive();

        String orderId = flow.at("/testOrders/run/lastOrderIds/0").asText();
        PipelineClient.Answer trail = get("/flow/orders/" + orderId);
        assertThat(trail.status()).isEqualTo(200);
        assertThat(trail.json().get("orderId").asText()).isEqualTo(orderId);
        String traceId = trail.json().get("traceId").asText();
        assertThat(traceId).matches("[0-9a-f]{32}");
        JsonNode received = trail.json().at("/trail/0");
        assertThat(received.get("traceId").asText()).isEqualTo(traceId);
        // The order's record carries the same trace on to the stages: a test order is one
        // trace, like a POSTed one.
        try (TopicReader order = new TopicReader(brokers, "order")) {
            ConsumerRecord<String, String> record = order.recordsWithKey(orderId).get(0);
            assertThat(new String(record.headers().lastHeader("traceparent").value(), StandardCharsets.UTF_8))
                .startsWith("00-" + traceId + "-");
        }
        assertThat(received.get("status").asText()).isEqualTo("RECEIVED");
        assertThat(received.get("node").asText()).isEqualTo("order-intake");
        assertThat(received.get("topic").asText()).isEqualTo("order");

        assertThat(answers).allSatisfy(body -> assertThat(body).doesNotContain("@", "Harbour", "\"address\"",
                "\"email\":\"", Orders.VISA, Orders.DECLINED_VISA, "last4"));
    }

    @Test
    void outOfBoundsTestOrdersAreA400NamingTheField() {
        PipelineClient.Answer answer = client().post("/flow/test-orders", Map.of("count", 0, "ratePerSecond", 5));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        assertThat(answer.json().get("errors").findValuesAsText("field")).containsExactly("count");
        assertThat(client().delete("/flow/test-orders").status()).isEqualTo(204);
    }

    @Test
    void anUnknownOrdersTrailIsA404Problem() {
        PipelineClient.Answer answer = get("/flow/orders/no-such-order");

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
    }

    private JsonNode flow() {
        PipelineClient.Answer answer = get("/flow");
        assertThat(answer.status()).isEqualTo(200);
        return answer.json();
    }

    private PipelineClient.Answer get(String path) {
        PipelineClient.Answer answer = client().get(path);
        answers.add(answer.body());
        return answer;
    }

    private static JsonNode node(JsonNode flow, String id) {
        for (JsonNode node : flow.get("nodes")) {
            if (node.get("id").asText().equals(id)) {
                return node;
            }
        }
        throw new AssertionError("No node " + id + " in " + flow);
    }

    private PipelineClient client() {
        return new PipelineClient(port);
    }

}
