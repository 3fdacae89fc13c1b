package io.kafkarestaurants;

import static io.kafkarestaurants.support.PipelineClient.order;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kafkarestaurants.support.PipelineClient;
import io.kafkarestaurants.support.TestServers;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Every intake rule against the running api role and a real broker: each bad order gets a
 * 4xx problem naming the field, never a 500, and nothing reaches the {@code order} topic.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "restaurants.roles=api")
@ActiveProfiles("test")
@EmbeddedKafka(kraft = true, count = 1, bootstrapServersProperty = "camel.component.kafka.brokers")
class IntakeValidationIT {

    static final String CARD = "4242 4242 4242 4242";

    @LocalServerPort
    int port;

    @Value("${camel.component.kafka.brokers}")
    String brokers;

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        TestServers.register(registry);
    }

    static Stream<Arguments> invalidOrders() {
        return Stream.of(invalid("unknown restaurant", o -> o.put("restaurantId", "no-such-place"), "restaurantId"),
                invalid("missing restaurant", o -> o.remove("restaurantId"), "restaurantId"),
                invalid("unknown menu item", o -> o.put("items", List.of(line("caviar", 1))), "items[0].menuItemId"),
                invalid("item of another restaurant", o -> o.put("items", List.of(line("hummus-tahini", 1))),
                        "items[0].menuItemId"),
                invalid("quantity 0", o -> o.put("items", List.of(line("margherita", 0))), "items[0].quantity"),
                invalid("quantity 21", o -> o.put("items", List.of(line("margherita", 21))), "items[0].quantity"),
                invalid("no lines", o -> o.put("items", List.of()), "items"),
                invalid("31 lines",
                        o -> o.put("items", IntStream.range(0, 31).mapToObj(i -> line("margherita", 1)).toList()),
                        "items"),
                invalid("missing email", o -> o.remove("email"), "email"),
                invalid("malformed email", o -> o.put("email", "dana-at-example.com"), "email"),
                invalid("card failing Luhn", o -> o.put("card", card("4242 4242 4242 4241", "12/39")), "card.number"),
                invalid("card of 11 digits", o -> o.put("card", card("42424242424", "12/39")), "card.number"),
                invalid("card of 20 digits", o -> o.put("card", card("42424242424242424242", "12/39")), "card.number"),
                invalid("missing card", o -> o.remove("card"), "card"),
                invalid("expiry not MM/YY", o -> o.put("card", card(CARD, "2039-12")), "card.expiry"),
                invalid("expiry month 13", o -> o.put("card", card(CARD, "13/39")), "card.expiry"),
                invalid("expiry in the past", o -> o.put("card", card(CARD, "01/20")), "card.expiry"),
                invalid("delivery from a restaurant that does not deliver", o -> {
                    o.put("restaurantId", "hummus-sababa");
                    o.put("items", List.of(line("hummus-tahini", 1)));
                }, "fulfilment.type"),
                invalid("delivery without address", o -> o.put("fulfilment", Map.of("type", "delivery")),
                        "fulfilment.address"),
                invalid("unknown fulfilment", o -> o.put("fulfilment", Map.of("type", "drone")), "fulfilment.type"),
                invalid("unknown field", o -> o.put("coupon", "FREE"), "coupon"),
                invalid("unknown nested field",
                        o -> o.put("card", Map.of("number", CARD, "expiry", "12/39", "cvv", "123")), "card.cvv"),
                invalid("quantity as text",
                        o -> o.put("items", List.of(Map.of("menuItemId", "margherita", "quantity", "2"))),
                        "items[0].quantity"),
                invalid("email as number", o -> o.put("email", 42), "email"),
                invalid("items as object", o -> o.put("items", Map.of("menuItemId", "margherita")), "items"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidOrders")
    void invalidOrderIsA400NamingTheFieldAndPublishesNothing(String name, Map<String, Object> body, String field) {
        long before = orderTopicSize();

        PipelineClient.Answer answer = client().post("/orders", body);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        JsonNode problem = answer.json();
        assertThat(problem.get("status").asInt()).isEqualTo(400);
        assertThat(problem.get("errors").findValuesAsText("field")).contains(field);
        assertThat(answer.body()).doesNotContain("4242 4242 4242 4242", "4242424242424242");
        assertThat(orderTopicSize()).isEqualTo(before);
    }

    @Test
    void malformedJsonIsA400OnTheBody() {
        PipelineClient.Answer answer = client().post("/orders", "{\"restaurantId\": \"amore-mio\", ");
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("errors").findValuesAsText("field")).containsExactly("body");
    }

    @Test
    void bodyOver64KbIsA413() {
        long before = orderTopicSize();
        Map<String, Object> body = order("big@example.com", CARD);
        body.put("padding", "x".repeat(70_000));

        PipelineClient.Answer answer = client().post("/orders", body);

        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        assertThat(orderTopicSize()).isEqualTo(before);
    }

    @Test
    void nonJsonMediaTypeIsA415() {
        PipelineClient.Answer answer = client().post("/orders", "restaurantId=amore-mio",
                Map.of("Content-Type", "application/x-www-form-urlencoded"));
        assertThat(answer.status()).isEqualTo(415);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    void validOrderIsAcceptedAndPublishedOnce() {
        long before = orderTopicSize();
        PipelineClient.Answer answer = client().post("/orders", order("ok@example.com", CARD));
        assertThat(answer.status()).isEqualTo(202);
        assertThat(answer.json().at("/total/value").asText()).isEqualTo("25.50");
        assertThat(orderTopicSize()).isEqualTo(before + 1);
    }

    private PipelineClient client() {
        return new PipelineClient(port);
    }

    private long orderTopicSize() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers))) {
            var partitions = admin.describeTopics(List.of("order")).allTopicNames().get().get("order").partitions();
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            partitions.forEach(p -> request.put(new TopicPartition("order", p.partition()), OffsetSpec.latest()));
            return admin.listOffsets(request)
                .all()
                .get()
                .values()
                .stream()
                .mapToLong(ListOffsetsResultInfo::offset)
                .sum();
        }
        catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Arguments invalid(String name, Consumer<Map<String, Object>> change, String field) {
        Map<String, Object> body = new HashMap<>(order("dana@example.com", CARD));
        change.accept(body);
        return Arguments.of(name, body, field);
    }

    private static Map<String, Object> line(String item, int quantity) {
        return Map.of("menuItemId", item, "quantity", quantity);
    }

    private static Map<String, Object> card(String number, String expiry) {
        return Map.of("number", number, "expiry", expiry);
    }

}
