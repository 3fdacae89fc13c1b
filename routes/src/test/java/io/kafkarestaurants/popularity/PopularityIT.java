package io.kafkarestaurants.popularity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.kafkarestaurants.Application;
import io.kafkarestaurants.Orders;
import io.kafkarestaurants.events.OrderDetails;
import io.kafkarestaurants.events.OrderPlaced;
import io.kafkarestaurants.events.RestaurantRef;
import io.kafkarestaurants.support.PipelineClient;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.condition.EmbeddedKafkaCondition;
import org.springframework.kafka.test.context.EmbeddedKafka;

/**
 * Popularity learned from the stream, on an embedded KRaft broker: the api and
 * transactions roles in one JVM (the charge stage filtered out: these orders are only
 * counted), order records written to {@code order} as intake writes them, the ranking
 * read through {@code GET /search?sort=popular}. The application is started three times
 * on the same topics: the ranking follows the orders, a restart forgets nothing, and a
 * replay of the whole topic counts nothing twice.
 */
@EmbeddedKafka(kraft = true, count = 1)
class PopularityIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private static final String GROUP = "restaurant-popularity";

    private static final String IMA = "ima";

    private static final String SABICH = "sabich";

    static EmbeddedKafkaBroker broker;
    static KafkaProducer<String, String> producer;

    private ConfigurableApplicationContext app;

    private PipelineClient client;

    @BeforeAll
    static void broker() {
        broker = EmbeddedKafkaCondition.getBroker();
        producer = new KafkaProducer<>(Map.of("bootstrap.servers", broker.getBrokersAsString()), new StringSerializer(),
                new StringSerializer());
    }

    @AfterAll
    static void closeProducer() {
        producer.close();
    }

    @AfterEach
    void stopApp() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void theRankingFollowsTheStreamAndSurvivesRestartsAndReplays() throws Exception {
        start();
        assertThat(ranking()).as("no orders yet: ties, by name").startsWith("Amore Mio", "Cafe Italia");

        order(IMA, 2);
        order(SABICH, 1);
        awaitRecentOrders(Map.of(IMA, 2, SABICH, 1));
        assertThat(ranking()).startsWith("Ima", "Sabich");

        order(SABICH, 3);
        awaitRecentOrders(Map.of(SABICH, 4, IMA, 2));
        assertThat(ranking()).startsWith("Sabich", "Ima");

        // A restart: a new process with nothing in memory takes the partitions up from
        // restaurant_popularity.
        restart();
        assertThat(recentOrders()).containsEntry(SABICH, 4).containsEntry(IMA, 2);
        order(IMA, 1);
        awaitRecentOrders(Map.of(IMA, 3, SABICH, 4));

        // A replay: the group's offsets go back to the start of order, and every record
        // is consumed again.
        app.close();
        app = null;
        rewindGroup();
        start();
        order(SABICH, 1);
        awaitRecentOrders(Map.of(SABICH, 5, IMA, 3));
        await().during(Duration.ofSeconds(2))
            .atMost(TIMEOUT)
            .untilAsserted(() -> assertThat(recentOrders()).as("each of the 8 orders counted once")
                .containsEntry(SABICH, 5)
                .containsEntry(IMA, 3));
        assertThat(ranking()).startsWith("Sabich", "Ima");
    }

    private void start() {
        app = new SpringApplicationBuilder(Application.class).profiles("test")
            .run("--restaurants.roles=api,transactions",
                    "--camel.component.kafka.brokers=" + broker.getBrokersAsString(),
                    // Only counted here: the charge stage would call a bank this test
                    // does not run.
                    "--camel.main.route-filter-exclude-pattern=transactions-*",
                    "--restaurants.popularity.publish-interval=200ms");
        client = new PipelineClient(((WebServerApplicationContext) app).getWebServer().getPort());
    }

    private void restart() {
        app.close();
        start();
    }

    /**
     * Orders of one restaurant as intake writes them (OrderPlaced keyed by a new
     * orderId), all on partition 0: one score per restaurant, so a counter that forgot it
     * would publish a smaller one.
     */
    private static void order(String restaurantId, int count) throws Exception {
        OrderPlaced template = Orders.placed();
        for (int i = 0; i < count; i++) {
            OrderDetails details = template.order();
            OrderPlaced placed = new OrderPlaced(template.eventType(), template.schemaVersion(),
                    UUID.randomUUID().toString(), Instant.now(),
                    new OrderDetails(new RestaurantRef(restaurantId, restaurantId), details.items(), details.total(),
                            details.email(), details.fulfilment(), details.card()),
                    template.payment(), template.history());
            producer
                .send(new ProducerRecord<>("order", 0, placed.orderId(), Orders.mapper().writeValueAsString(placed)))
                .get();
        }
    }

    private void rewindGroup() throws Exception {
        try (Admin admin = Admin
            .create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()))) {
            Map<TopicPartition, OffsetAndMetadata> start = new LinkedHashMap<>();
            admin.describeTopics(List.of("order"))
                .allTopicNames()
                .get()
                .get("order")
                .partitions()
                .forEach(p -> start.put(new TopicPartition("order", p.partition()), new OffsetAndMetadata(0)));
            await().atMost(TIMEOUT).ignoreExceptions().until(() -> {
                admin.alterConsumerGroupOffsets(GROUP, start).all().get();
                return true;
            });
        }
    }

    private void awaitRecentOrders(Map<String, Integer> expected) {
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(recentOrders()).containsAllEntriesOf(expected));
    }

    private JsonNode popular() {
        PipelineClient.Answer answer = client.get("/search?sort=popular");
        assertThat(answer.status()).isEqualTo(200);
        return answer.json();
    }

    private List<String> ranking() {
        return StreamSupport.stream(popular().spliterator(), false).map(hit -> hit.get("name").asText()).toList();
    }

    private Map<String, Integer> recentOrders() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        popular().forEach(hit -> counts.put(hit.get("id").asText(), hit.get("recentOrders").asInt()));
        return counts;
    }

}
