package io.kafkarestaurants.deploy;

import static io.kafkarestaurants.support.PipelineClient.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.kafkarestaurants.support.PipelineClient;
import io.kafkarestaurants.support.TestServers;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Every metric the chart's Grafana dashboard reads is one the application exports: the
 * whole app (all three roles) against an embedded KRaft broker, the bank mock and
 * GreenMail, scraped at /actuator/prometheus after an approved, a declined, a refused and
 * a poison order went through (meters that are registered on first use then exist, and
 * the stage consumers' per-partition lag gauges, which Micrometer's Kafka binder picks up
 * within a minute). Tests get an in-memory meter registry unless they ask for the
 * application's own (AutoConfigureObservability).
 */
@AutoConfigureObservability(tracing = false)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@EmbeddedKafka(kraft = true, count = 1, bootstrapServersProperty = "camel.component.kafka.brokers")
class GrafanaDashboardIT {

    static final String APPROVES = "4242 4242 4242 4242";
    static final String DECLINES = "4000 0000 0000 0002";
    static final Duration PIPELINE = Duration.ofSeconds(30);

    /**
     * Micrometer's Kafka binder looks for new client metrics (a partition's lag) once a
     * minute.
     */
    static final Duration KAFKA_METRICS_REFRESH = Duration.ofSeconds(90);

    @LocalServerPort
    int port;

    @Value("${camel.component.kafka.brokers}")
    String brokers;

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        TestServers.register(registry);
    }

    @Test
    void everyPanelAndVariableReadsMetricsTheAppExports() throws Exception {
        PipelineClient client = new PipelineClient(port);
        String confirmed = client.place(order(mailbox(), APPROVES));
        String declined = client.place(order(mailbox(), DECLINES));
        assertThat(client.post("/orders", Map.of("restaurantId", "amore-mio")).status()).isEqualTo(400);
        String poisonKey = "poison-" + UUID.randomUUID();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers", brokers),
                new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>("order", poisonKey, "this is not JSON")).get();
        }
        await().atMost(PIPELINE)
            .until(() -> "CONFIRMED".equals(client.status(confirmed)) && "DECLINED".equals(client.status(declined)));
        await().atMost(KAFKA_METRICS_REFRESH).until(() -> {
            String scrape = client.get("/actuator/prometheus").body();
            return scrape.contains("restaurants_dead_letters_total{") && scrape.contains("outcome=\"declined\"")
                    && scrape.contains("kafka_consumer_fetch_manager_records_lag{");
        });

        String scrape = client.get("/actuator/prometheus").body();
        Files.createDirectories(DeployFiles.WORK);
        Files.writeString(DeployFiles.WORK.resolve("actuator-prometheus.txt"), scrape);
        Set<String> exported = GrafanaDashboard.seriesNames(scrape);
        GrafanaDashboard dashboard = GrafanaDashboard.of(RenderedChart.of(RenderedChart.Variant.DEFAULTS));

        assertThat(dashboard.unexported(exported)).as("metrics the dashboard reads that the app does not export")
            .isEmpty();
        assertThat(dashboard.queries()).hasSizeGreaterThanOrEqualTo(MonitoringChartTest.ISSUE_PANELS.size());
        assertThat(misspelt(dashboard).unexported(exported))
            .containsExactly("panel Orders per second by stage and outcome: restaurants_orders_placed_total");

        assertThat(scrape).contains(
                "restaurants_orders_total{application=\"kafka-restaurants-routes\",camelContext=\"kafka-restaurants\","
                        + "outcome=\"accepted\",stage=\"intake\"}",
                "outcome=\"refused\",stage=\"intake\"", "outcome=\"paid\",stage=\"transactions\"",
                "outcome=\"declined\",stage=\"transactions\"", "topic=\"order\"",
                "restaurants_bank_charge_seconds_bucket{", "status=\"201\"", "status=\"402\"",
                "restaurants_smtp_send_seconds_bucket{",
                "restaurants_order_completion_seconds_bucket{application=\"kafka-restaurants-routes\","
                        + "outcome=\"confirmed\",le=\"120.0\"} 1",
                "group=\"transaction-service\"", "group=\"confirmation-service\"");
        assertThat(scrape).as("no order, mail address or card in a metric")
            .doesNotContain(confirmed, declined, poisonKey, "@example.com", "4242424242424242");
    }

    /**
     * The shipped dashboard with one metric name changed to one the app does not export.
     */
    private static GrafanaDashboard misspelt(GrafanaDashboard dashboard) throws IOException {
        String text = DeployFiles.JSON.writeValueAsString(dashboard.model)
            .replace("restaurants_orders_total", "restaurants_orders_placed_total");
        JsonNode model = DeployFiles.JSON.readTree(text);
        return new GrafanaDashboard(model);
    }

    private static String mailbox() {
        return "dash-" + UUID.randomUUID() + "@example.com";
    }

}
