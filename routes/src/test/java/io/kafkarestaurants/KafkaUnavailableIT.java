package io.kafkarestaurants;

import static io.kafkarestaurants.support.PipelineClient.order;
import static org.assertj.core.api.Assertions.assertThat;

import io.kafkarestaurants.status.DrivenOrderView;
import io.kafkarestaurants.support.PipelineClient;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.convention.TestBean;

/**
 * The api role once its broker has gone away: orders are refused with 503 and
 * Retry-After, never accepted, and the catalog still answers. The replica was ready
 * before (its order view had caught up: here the view's topology under Kafka Streams'
 * test driver); a replica that starts without a broker is not ready at all
 * (OrderViewReadinessIT).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "restaurants.roles=api", "spring.main.allow-bean-definition-overriding=true",
                "restaurants.intake.kafka-timeout-ms=1500", "spring.kafka.admin.auto-create=false" })
@ActiveProfiles("test")
class KafkaUnavailableIT {

    @LocalServerPort
    int port;

    @TestBean(name = "orderViewSource", methodName = DrivenOrderView.FACTORY)
    DrivenOrderView orderView;

    @DynamicPropertySource
    static void noBroker(DynamicPropertyRegistry registry) throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        registry.add("camel.component.kafka.brokers", () -> "127.0.0.1:" + closedPort);
    }

    @Test
    void orderIsRefusedWith503AndRetryAfter() {
        PipelineClient client = new PipelineClient(port);
        Map<String, String> key = Map.of("Idempotency-Key", "retry-me");

        PipelineClient.Answer first = client.post("/orders", order("dana@example.com", "4242424242424242"), key);
        PipelineClient.Answer retry = client.post("/orders", order("dana@example.com", "4242424242424242"), key);

        assertThat(first.status()).isEqualTo(503);
        assertThat(first.header("Retry-After")).isEqualTo("5");
        assertThat(first.header("Content-Type")).startsWith("application/problem+json");
        assertThat(first.json().get("status").asInt()).isEqualTo(503);
        assertThat(first.json().get("detail").asText()).as("its RECEIVED status is not in, so no order was sent")
            .contains("nothing was placed");
        assertThat(retry.status()).as("a refused order frees its Idempotency-Key").isEqualTo(503);
    }

    @Test
    void catalogStillAnswersWithoutKafka() {
        PipelineClient.Answer answer = new PipelineClient(port).get("/search?restaurant_style=italian");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().findValuesAsText("style")).isNotEmpty().allMatch("Italian"::equals);
    }

}
