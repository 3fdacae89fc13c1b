package io.kafkarestaurants.openapi;

import static io.kafkarestaurants.support.PipelineClient.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kafkarestaurants.Orders;
import io.kafkarestaurants.support.PipelineClient;
import io.kafkarestaurants.support.TestServers;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The served {@code /openapi.json} holds for every real answer of the api role (over a
 * real broker): each endpoint's happy and error paths are called, and each answer's
 * status, content type and body are checked against the operation in the document, read
 * strictly (see {@link ServedContract}). A route whose answer changes shape without the
 * document fails here.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "restaurants.roles=api", "restaurants.flow.test-orders.approved-card=" + Orders.VISA,
                "restaurants.flow.test-orders.declined-card=" + Orders.DECLINED_VISA })
@ActiveProfiles("test")
@EmbeddedKafka(kraft = true, count = 1, bootstrapServersProperty = "camel.component.kafka.brokers")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OpenApiContractIT {

    static final String CARD = "4242 4242 4242 4242";

    @LocalServerPort
    int port;

    private ServedContract contract;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        TestServers.register(registry);
    }

    @BeforeAll
    void readTheServedDocument() throws IOException {
        PipelineClient.Answer served = client().get("/openapi.json");
        assertThat(served.status()).isEqualTo(200);
        assertThat(served.header("Content-Type")).startsWith("application/json");
        contract = new ServedContract(served.body());
        Files.writeString(Path.of("target", "openapi.json"), served.body());
    }

    @Test
    @Order(1)
    void theDocumentIsAValidOpenApi31DocumentOfEveryEndpoint() {
        assertThat(contract.parserMessages()).isEmpty();
        assertThat(contract.openApiVersion()).isEqualTo("3.1.0");
        assertThat(contract.operations()).containsExactlyInAnyOrder("GET /search", "GET /restaurants/{id}",
                "POST /orders", "GET /orders/{id}", "GET /orders/{id}/events", "GET /flow", "GET /flow/orders/{id}",
                "POST /flow/test-orders", "DELETE /flow/test-orders");
    }

    @Test
    @Order(2)
    void searchAnswersKeepToTheDocument() {
        check("GET", "/search", "/search?restaurant_style=italian", 200);
        check("GET", "/search", "/search?vegetarian=true&delivery=true&sort=popular", 200);
        check("GET", "/search", "/search?sort=cheapest", 400);
    }

    @Test
    @Order(3)
    void restaurantAnswersKeepToTheDocument() {
        check("GET", "/restaurants/{id}", "/restaurants/amore-mio", 200);
        check("GET", "/restaurants/{id}", "/restaurants/nowhere", 404);
    }

    @Test
    @Order(4)
    void orderIntakeAnswersKeepToTheDocument() {
        String key = UUID.randomUUID().toString();
        Map<String, Object> order = order("contract@example.com", CARD);
        check("POST /orders", client().post("/orders", order, Map.of("Idempotency-Key", key)), 202);
        check("POST /orders", client().post("/orders", order, Map.of("Idempotency-Key", key)), 202);
        check("POST /orders",
                client().post("/orders", order("other@example.com", CARD), Map.of("Idempotency-Key", key)), 409);
        Map<String, Object> invalid = order("not-an-email", "4242 4242 4242 4241");
        invalid.put("items", List.of(Map.of("menuItemId", "margherita", "quantity", 0)));
        check("POST /orders", client().post("/orders", invalid), 400);
        check("POST /orders", client().post("/orders", "{\"restaurantId\": "), 400);
        Map<String, Object> big = order("big@example.com", CARD);
        big.put("padding", "x".repeat(70_000));
        check("POST /orders", client().post("/orders", big), 413);
        check("POST /orders", client().post("/orders", "restaurantId=amore-mio",
                Map.of("Content-Type", "application/x-www-form-urlencoded")), 415);
    }

    @Test
    @Order(5)
    void orderStatusAnswersKeepToTheDocument() {
        String orderId = client().place(order("status@example.com", CARD));
        check("GET", "/orders/{id}", "/orders/" + orderId, 200);
        check("GET", "/orders/{id}", "/orders/" + UUID.randomUUID(), 404);
        check("GET", "/orders/{id}", "/orders/not%20an%20order", 404);
    }

    @Test
    @Order(6)
    void liveStatusStreamKeepsToTheDocument() throws Exception {
        String orderId = client().place(order("events@example.com", CARD));
        HttpResponse<InputStream> stream = http.send(
                HttpRequest.newBuilder(uri("/orders/" + orderId + "/events")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        String firstEvent;
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
            StringBuilder event = new StringBuilder();
            for (String line = lines.readLine(); line != null
                    && !(line.isEmpty() && event.length() > 0); line = lines.readLine()) {
                event.append(line).append('\n');
            }
            firstEvent = event.toString();
        }
        assertThat(firstEvent).contains("event:status", "\"orderId\":\"" + orderId + "\"");
        assertThat(contract.violations("GET", "/orders/{id}/events", stream.statusCode(),
                stream.headers().firstValue("Content-Type").orElse(null), firstEvent))
            .isEmpty();

        check("GET", "/orders/{id}/events", "/orders/" + UUID.randomUUID() + "/events", 404);
    }

    @Test
    @Order(7)
    void flowAnswersKeepToTheDocument() {
        String orderId = client().place(order("flow@example.com", CARD));
        await().atMost(Duration.ofSeconds(60)).until(() -> client().get("/flow").status() == 200);
        check("GET", "/flow", "/flow", 200);
        check("GET", "/flow/orders/{id}", "/flow/orders/" + orderId, 200);
        check("GET", "/flow/orders/{id}", "/flow/orders/" + UUID.randomUUID(), 404);

        check("POST /flow/test-orders", client().post("/flow/test-orders", Map.of("count", 0, "ratePerSecond", 99)),
                400);
        check("POST /flow/test-orders", client().post("/flow/test-orders", "[1, 2]"), 400);
        check("POST /flow/test-orders",
                client().post("/flow/test-orders", Map.of("count", 3, "ratePerSecond", 5, "declineShare", 0.5)), 202);
        check("POST /flow/test-orders", client().post("/flow/test-orders", Map.of("count", 1, "ratePerSecond", 1)),
                409);
        check("GET", "/flow", "/flow", 200);
        check("DELETE /flow/test-orders", client().delete("/flow/test-orders"), 204);
    }

    @Test
    @Order(8)
    void everyOperationOfTheDocumentWasCalled() {
        assertThat(contract.checked()).extracting(answer -> answer.substring(0, answer.lastIndexOf(' ')))
            .containsAll(contract.operations());
    }

    /** GET {@code target}, an instance of {@code path}; expects {@code status}. */
    private void check(String method, String path, String target, int status) {
        check(method + " " + path, client().get(target), status);
    }

    /**
     * The answer keeps to the document first (what this test is for), then is the one
     * this call expects.
     */
    private void check(String operation, PipelineClient.Answer answer, int status) {
        String[] parts = operation.split(" ");
        assertThat(
                contract.violations(parts[0], parts[1], answer.status(), answer.header("Content-Type"), answer.body()))
            .isEmpty();
        assertThat(answer.status()).as("%s: %s", operation, answer.body()).isEqualTo(status);
    }

    private PipelineClient client() {
        return new PipelineClient(port);
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

}
