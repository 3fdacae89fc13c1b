package io.kafkarestaurants.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Talks to the running application's REST API as an outside client would. */
public final class PipelineClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String base;

    public PipelineClient(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    /**
     * A valid order body for Amore Mio (2 Margherita, 1 Tiramisu, delivery) paid with
     * {@code card}.
     */
    public static Map<String, Object> order(String email, String card) {
        Map<String, Object> order = new LinkedHashMap<>();
        order.put("restaurantId", "amore-mio");
        order.put("items", List.of(Map.of("menuItemId", "margherita", "quantity", 2),
                Map.of("menuItemId", "tiramisu", "quantity", 1)));
        order.put("email", email);
        order.put("card", Map.of("number", card, "expiry", "12/39"));
        order.put("fulfilment", Map.of("type", "delivery", "address", "12 Harbour St"));
        return order;
    }

    public Answer post(String path, Object body, Map<String, String> headers) {
        try {
            String text = body instanceof String s ? s : JSON.writeValueAsString(body);
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(text));
            headers.forEach(request::setHeader);
            return send(request.build());
        }
        catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public Answer post(String path, Object body) {
        return post(path, body, Map.of());
    }

    public Answer get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10)).GET().build());
    }

    public Answer delete(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10)).DELETE().build());
    }

    /** Places a valid order and returns its orderId; fails unless the answer is 202. */
    public String place(Map<String, Object> order) {
        Answer answer = post("/orders", order);
        if (answer.status() != 202) {
            throw new AssertionError("Expected 202 but was " + answer.status() + ": " + answer.body());
        }
        return answer.json().get("orderId").asText();
    }

    /** The order's current status, or null while this replica does not know the order. */
    public String status(String orderId) {
        Answer answer = get("/orders/" + orderId);
        return answer.status() == 200 ? answer.json().get("status").asText() : null;
    }

    private Answer send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers().map(), response.body());
        }
        catch (IOException e) {
            throw new IllegalStateException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public record Answer(int status, Map<String, List<String>> headers, String body) {

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            }
            catch (IOException e) {
                throw new AssertionError("Not JSON: " + body, e);
            }
        }

        public String header(String name) {
            return headers.entrySet()
                .stream()
                .filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(e -> e.getValue().get(0))
                .findFirst()
                .orElse(null);
        }
    }

}
