package io.kafkarestaurants.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kafkarestaurants.Application;
import io.kafkarestaurants.Orders;
import io.kafkarestaurants.events.OrderStatusChanged;
import io.kafkarestaurants.support.ClosedPorts;
import io.kafkarestaurants.support.PipelineClient;
import io.kafkarestaurants.support.PipelineClient.Answer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * An api replica is ready only once its order view has caught up with order_status:
 * started beside a topic that already holds many orders, it answers 503 (never 404) until
 * readiness says UP, and from then on every order. Started without a broker, it never
 * says ready.
 */
class OrderViewReadinessIT {

    private static final int ORDERS = 50_000;

    private static final ObjectMapper JSON = Jackson2ObjectMapperBuilder.json().build();

    @Test
    void aReplicaStartedBesideManyOrdersAnswers503UntilReadyAndThenEveryOrder() throws Exception {
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 3, "order_status");
        broker.afterPropertiesSet();
        try {
            List<String> ids = fill(broker.getBrokersAsString());
            int port = ClosedPorts.closedPort();
            PipelineClient client = new PipelineClient(port);
            CompletableFuture<ConfigurableApplicationContext> app = CompletableFuture
                .supplyAsync(() -> start(port, broker.getBrokersAsString()));
            SplittableRandom random = new SplittableRandom(7);
            AtomicInteger notFound = new AtomicInteger();
            AtomicInteger refused = new AtomicInteger();
            try {
                await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(20)).until(() -> {
                    Answer order = get(client, "/orders/" + ids.get(random.nextInt(ids.size())));
                    if (order.status() == 404) {
                        notFound.incrementAndGet();
                    }
                    else if (order.status() == 503) {
                        refused.incrementAndGet();
                        assertThat(order.header("Retry-After")).isNotNull();
                    }
                    return get(client, "/actuator/health/readiness").status() == 200;
                });
                List<String> unanswered = new ArrayList<>();
                for (int i = 0; i < ids.size(); i += 50) {
                    if (client.get("/orders/" + ids.get(i)).status() != 200) {
                        unanswered.add(ids.get(i));
                    }
                }

                assertThat(notFound).as("404s for orders that exist, before readiness").hasValue(0);
                assertThat(unanswered).as("orders not answered once ready").isEmpty();
                assertThat(client.get("/orders/" + ids.get(ids.size() - 1)).json().get("status").asText())
                    .isEqualTo("CONFIRMED");
            }
            finally {
                app.join().close();
            }
        }
        finally {
            broker.destroy();
        }
    }

    @Test
    void aReplicaStartedWithoutABrokerIsNotReadyAndAnswers503() {
        int port = ClosedPorts.closedPort();
        try (ConfigurableApplicationContext app = start(port, "127.0.0.1:" + ClosedPorts.closedPort())) {
            PipelineClient client = new PipelineClient(port);

            Answer readiness = client.get("/actuator/health/readiness");
            Answer search = client.get("/search?restaurant_style=italian");

            assertThat(readiness.status()).isEqualTo(503);
            assertThat(search.status()).isEqualTo(503);
            assertThat(search.header("Retry-After")).isEqualTo("1");
            assertThat(search.header("Content-Type")).startsWith("application/problem+json");
            assertThat(client.get("/actuator/health/liveness").status()).as("alive, only not ready").isEqualTo(200);
        }
    }

    /**
     * Confirmed orders on order_status, each with its own id: the ids, in the order they
     * were sent.
     */
    private static List<String> fill(String brokers) throws Exception {
        OrderStatusChanged template = new StatusEvents(Orders.clock()).confirmed(Orders.paid(Orders.placed()),
                Orders.TRACE_ID);
        List<String> ids = new ArrayList<>(ORDERS);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.of("bootstrap.servers", brokers, "linger.ms", 10), new StringSerializer(),
                new ByteArraySerializer())) {
            for (int i = 0; i < ORDERS; i++) {
                String id = UUID.randomUUID().toString();
                OrderStatusChanged snapshot = new OrderStatusChanged(template.eventType(), template.schemaVersion(), id,
                        template.status(), null, template.occurredAt(), template.order(), template.history(),
                        template.notifiedAt());
                producer.send(new ProducerRecord<>("order_status", id, JSON.writeValueAsBytes(snapshot)));
                ids.add(id);
            }
            producer.flush();
        }
        return ids;
    }

    private static ConfigurableApplicationContext start(int port, String brokers) {
        return new SpringApplicationBuilder(Application.class).profiles("test")
            .run("--restaurants.roles=api", "--spring.kafka.admin.auto-create=false", "--server.port=" + port,
                    "--camel.component.kafka.brokers=" + brokers);
    }

    /** A GET that may find nothing listening yet: answered as a 503. */
    private static Answer get(PipelineClient client, String path) {
        try {
            return client.get(path);
        }
        catch (RuntimeException notListening) {
            return new Answer(503, Map.of("Retry-After", List.of("1")), "");
        }
    }

}
