package io.kafkarestaurants.bankmock;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * The bank mock as local/run.sh runs it, in this JVM: WireMock on 127.0.0.1 with this
 * module's own mappings and files (the repository's mocks/bank), asynchronous delays, and
 * the {@link IdempotentBank} extension; plus a plain HTTP client to call it.
 */
final class Bank implements AutoCloseable {

    /** Longer than any answer but the slow card's (10 s), shorter than that one. */
    static final Duration AT_ONCE = Duration.ofSeconds(5);
    static final Duration SLOW_CARD_DELAY = Duration.ofSeconds(10);

    static final String APPROVES = "4242424242424242";
    static final String DECLINES = "4000000000000002";
    static final String INSUFFICIENT_FUNDS = "4000000000009995";
    static final String FAILS_WITH_500 = "4000000000000119";
    static final String SLOW = "4000000000000077";
    static final String FAILS_TWICE = "4000000000000259";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final IdempotentBank extension;

    private final WireMockServer server;

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private Bank(IdempotentBank extension) {
        this.extension = extension;
        this.server = new WireMockServer(options().bindAddress("127.0.0.1")
            .dynamicPort()
            .usingFilesUnderDirectory(Path.of("").toAbsolutePath().toString())
            .asynchronousResponseEnabled(true)
            .globalTemplating(false)
            .extensions(extension));
        server.start();
    }

    /** Decisions in memory only. */
    static Bank inMemory() {
        return new Bank(IdempotentBank.inMemory());
    }

    /** Decisions kept in (and read back from) a state file. */
    static Bank withStateFile(Path file) {
        return new Bank(new IdempotentBank(file));
    }

    /** A charge of 23.80 EUR on a card, as the transactions stage sends it. */
    static String chargeBody(String orderId, String card) {
        return "{\"orderId\":\"" + orderId + "\",\"amount\":{\"value\":\"23.80\",\"currency\":\"EUR\"},"
                + "\"card\":{\"number\":\"" + card + "\",\"expiry\":\"12/30\"}}";
    }

    HttpResponse<String> charge(String key, String card) {
        return post(key, chargeBody(key, card));
    }

    HttpResponse<String> post(String key, String body) {
        return chargeAsync(key, body, AT_ONCE).join();
    }

    CompletableFuture<HttpResponse<String>> chargeAsync(String key, String body, Duration timeout) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri("/v1/payments"))
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> lookup(String key) {
        return get("/v1/payments/" + key);
    }

    /** {@code GET /__admin/payments}. */
    JsonNode payments() {
        HttpResponse<String> answer = get("/__admin/payments");
        if (answer.statusCode() != 200) {
            throw new AssertionError("GET /__admin/payments answered " + answer.statusCode() + ": " + answer.body());
        }
        return json(answer);
    }

    void resetScenarios() {
        server.resetScenarios();
    }

    static JsonNode json(HttpResponse<String> answer) {
        return json(answer.body());
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        }
        catch (IOException e) {
            throw new UncheckedIOException("Not JSON: " + text, e);
        }
    }

    /**
     * Stops the server and lets go of the state file (WireMock stops its extensions only
     * on an admin shutdown).
     */
    @Override
    public void close() {
        server.stop();
        extension.stop();
    }

    private HttpResponse<String> get(String path) {
        HttpRequest request = HttpRequest.newBuilder(uri(path)).timeout(AT_ONCE).GET().build();
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

}
