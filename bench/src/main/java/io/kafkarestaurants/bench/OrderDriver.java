package io.kafkarestaurants.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Recorder;

/**
 * Places orders through POST /orders: as fast as the pipeline finishes them (a closed
 * loop holding a number of unfinished orders), or at a fixed rate. Fixed-rate timing is
 * coordinated-omission safe: each order's latency is measured from the moment the
 * schedule meant to send it, so a stalled server cannot hide the requests it delayed.
 */
final class OrderDriver {

    /**
     * One placed order: its id (null if refused), whether its card was the slow one, when
     * it was meant to go.
     */
    record Placed(String orderId, boolean slow, long intendedEpochMs, int httpStatus) {
    }

    private final ObjectMapper json = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5))
        .executor(Executors.newFixedThreadPool(4, daemon("bench-http")))
        .build();

    private final List<JsonNode> restaurants = new ArrayList<>();

    private final SplittableRandom random = new SplittableRandom(42);

    private final TestCards cards;

    OrderDriver(Path catalog, TestCards cards) throws IOException {
        json.readTree(catalog.toFile()).path("restaurants").forEach(restaurants::add);
        this.cards = cards;
    }

    /** A valid order paid with the card the bank approves at once. */
    String approvedBody() {
        return body(cards.approved());
    }

    /**
     * A valid order for a random restaurant of the catalog, 1-3 of its menu items, paid
     * with the card given.
     */
    String body(String card) {
        JsonNode restaurant = restaurants.get(random.nextInt(restaurants.size()));
        ObjectNode order = json.createObjectNode();
        order.put("restaurantId", restaurant.path("id").asText());
        ArrayNode items = order.putArray("items");
        JsonNode menu = restaurant.path("menu");
        int lines = 1 + random.nextInt(Math.min(3, menu.size()));
        for (int i = 0; i < lines; i++) {
            items.addObject()
                .put("menuItemId", menu.get((i * 7 + random.nextInt(menu.size())) % menu.size()).path("id").asText())
                .put("quantity", 1 + random.nextInt(3));
        }
        // Distinct items only: the same item twice is a valid order too, but keep bodies
        // plain.
        dedupe(items);
        order.put("email", "bench-" + random.nextInt(1000) + "@example.com");
        order.putObject("card").put("number", card).put("expiry", "12/39");
        ObjectNode fulfilment = order.putObject("fulfilment");
        if (restaurant.path("delivery").asBoolean()) {
            fulfilment.put("type", "delivery").put("address", "12 Harbour St");
        }
        else {
            fulfilment.put("type", "pickup");
        }
        return order.toString();
    }

    private static void dedupe(ArrayNode items) {
        List<String> seen = new ArrayList<>();
        for (int i = items.size() - 1; i >= 0; i--) {
            String id = items.get(i).path("menuItemId").asText();
            if (seen.contains(id)) {
                items.remove(i);
            }
            else {
                seen.add(id);
            }
        }
    }

    private CompletableFuture<Placed> place(URI orders, String body, boolean slow, long intendedEpochMs) {
        HttpRequest request = HttpRequest.newBuilder(orders)
            .timeout(Duration.ofSeconds(15))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
            .thenApply(response -> new Placed(response.statusCode() == 202 ? orderId(response.body()) : null, slow,
                    intendedEpochMs, response.statusCode()))
            .exceptionally(failure -> new Placed(null, slow, intendedEpochMs, 0));
    }

    private String orderId(String answer) {
        try {
            return json.readTree(answer).path("orderId").asText(null);
        }
        catch (IOException e) {
            return null;
        }
    }

    /**
     * Keeps {@code unfinished} orders in the pipeline for {@code seconds}: a new order
     * goes out each time one reaches a terminal status (or is refused). Measures the
     * pipeline's own pace, with a bounded backlog.
     */
    List<Placed> closedLoop(URI orders, StatusWatcher watcher, int unfinished, int seconds) {
        Semaphore slots = new Semaphore(unfinished);
        Map<String, Boolean> ours = new ConcurrentHashMap<>();
        watcher.onTerminal(orderId -> {
            if (ours.remove(orderId) != null) {
                slots.release();
            }
        });
        Queue<Placed> placed = new ConcurrentLinkedQueue<>();
        long sent = 0;
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        try {
            while (System.nanoTime() < end) {
                if (!slots.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                    continue;
                }
                sent++;
                place(orders, approvedBody(), false, System.currentTimeMillis()).thenAccept(p -> {
                    placed.add(p);
                    if (p.orderId() == null) {
                        slots.release();
                    }
                    else {
                        ours.put(p.orderId(), Boolean.TRUE);
                        // The terminal status may have come before this answer was read.
                        StatusWatcher.Track track = watcher.track(p.orderId());
                        if (track.terminal != 0 && ours.remove(p.orderId()) != null) {
                            slots.release();
                        }
                    }
                });
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        finally {
            watcher.onTerminal(orderId -> {
            });
        }
        waitForAnswers(placed, sent);
        return new ArrayList<>(placed);
    }

    /**
     * Sends {@code rate} orders per second for {@code seconds}, one in {@code slowEvery}
     * (0 = none) with the slow card. Also records each POST's own latency (intended send
     * → 202) in {@code postLatencyMicros}.
     */
    List<Placed> fixedRate(URI orders, double rate, int seconds, int slowEvery, Recorder postLatencyMicros) {
        Queue<Placed> placed = new ConcurrentLinkedQueue<>();
        long count = Math.round(rate * seconds);
        double periodNanos = 1e9 / rate;
        long startNanos = System.nanoTime();
        long startEpochMs = System.currentTimeMillis();
        for (long i = 0; i < count; i++) {
            long intendedNanos = startNanos + Math.round(i * periodNanos);
            long wait;
            while ((wait = intendedNanos - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            boolean slow = slowEvery > 0 && i % slowEvery == slowEvery / 2;
            long intendedEpochMs = startEpochMs + Math.round(i * periodNanos / 1e6);
            place(orders, slow ? body(cards.slow()) : approvedBody(), slow, intendedEpochMs).thenAccept(p -> {
                if (postLatencyMicros != null) {
                    postLatencyMicros.recordValue(Math.max(1, (System.nanoTime() - intendedNanos) / 1000));
                }
                placed.add(p);
            });
        }
        waitForAnswers(placed, count);
        return new ArrayList<>(placed);
    }

    /** Waits (bounded) until every request sent has its answer in {@code placed}. */
    private static void waitForAnswers(Queue<Placed> placed, long expected) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (placed.size() < expected && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }

    static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

}
