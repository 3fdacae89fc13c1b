package io.kafkarestaurants.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The orders of {@code make chaos}: sent at a fixed rate with a mix of test cards, each with its own
 * Idempotency-Key, and retried as a careful client would while parts of the stack are down: the same key again
 * after a 503, a 5xx from a proxy, a timeout or a refused connection, with backoff, for a bounded time.
 */
final class ChaosLoad {

    /** The cards of the mix, as named by the bank mock's mappings, and how many of every 100 orders pay with each. */
    static final Map<String, Integer> MIX = Map.of(
            "approved", 66, "declined", 8, "insufficient-funds", 5, "flaky", 6, "slow-approved", 10,
            "processing-error", 5);

    /** What happened to one Idempotency-Key. */
    static final class Sent {
        final String key;
        final String card;
        /** Every orderId a 202 named for this key: more than one breaks "a retry is never a second order". */
        final Set<String> orderIds = ConcurrentHashMap.newKeySet();
        final AtomicInteger attempts = new AtomicInteger();
        volatile int lastStatus;
        /** Given up on without a 202 (answered 4xx, or still failing when the client stopped retrying). */
        volatile boolean refused;

        Sent(String key, String card) {
            this.key = key;
            this.card = card;
        }
    }

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(3))
            .executor(Executors.newFixedThreadPool(4, OrderDriver.daemon("chaos-http")))
            .build();
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(
            OrderDriver.daemon("chaos-retry"));
    private final URI orders;
    private final OrderDriver bodies;
    private final TestCards cards;
    private final String runId;
    private final Duration retryFor;

    ChaosLoad(URI orders, OrderDriver bodies, TestCards cards, String runId, Duration retryFor) {
        this.orders = orders;
        this.bodies = bodies;
        this.cards = cards;
        this.runId = runId;
        this.retryFor = retryFor;
    }

    /** The behaviour (MIX key) of the i-th order: a fixed interleaving, so every run sends the same mix. */
    static String behaviour(long i) {
        int slot = (int) ((i * 37) % 100);
        int upTo = 0;
        for (String behaviour : List.of("approved", "declined", "insufficient-funds", "flaky", "slow-approved",
                "processing-error")) {
            upTo += MIX.get(behaviour);
            if (slot < upTo) {
                return behaviour;
            }
        }
        throw new IllegalStateException("MIX does not add up to 100");
    }

    /** Sends {@code count} orders at {@code rate} per second; returns once each has a 202 or was given up on. */
    Map<String, Sent> run(int count, double rate) throws InterruptedException {
        Map<String, Sent> sent = new ConcurrentHashMap<>();
        CountDownLatch done = new CountDownLatch(count);
        long start = System.nanoTime();
        double period = 1e9 / rate;
        for (int i = 0; i < count; i++) {
            long due = start + Math.round(i * period);
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            String behaviour = behaviour(i);
            Sent one = new Sent(runId + "-" + i, behaviour);
            sent.put(one.key, one);
            send(one, bodies.body(cards.card(behaviour)), System.nanoTime(), done);
        }
        if (!done.await(retryFor.toSeconds() + 60, TimeUnit.SECONDS)) {
            throw new IllegalStateException(done.getCount() + " orders still had no final answer");
        }
        return sent;
    }

    private void send(Sent one, String body, long firstNanos, CountDownLatch done) {
        int attempt = one.attempts.incrementAndGet();
        HttpRequest request = HttpRequest.newBuilder(orders)
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", one.key)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
            int status = failure == null ? response.statusCode() : 0;
            one.lastStatus = status;
            if (status == 202) {
                one.orderIds.add(orderId(response.body()));
                done.countDown();
            } else if (retriable(status) && System.nanoTime() - firstNanos < retryFor.toNanos()) {
                long backoffMs = Math.min(8000, 500L << Math.min(attempt - 1, 4));
                retries.schedule(() -> send(one, body, firstNanos, done), backoffMs, TimeUnit.MILLISECONDS);
            } else {
                one.refused = true;
                done.countDown();
            }
        });
    }

    /** Worth the same request again: no answer, a 5xx, or 409 "still being placed" (the first is in flight). */
    static boolean retriable(int status) {
        return status == 0 || status == 409 || status >= 500;
    }

    private String orderId(String answer) {
        try {
            return json.readTree(answer).path("orderId").asText();
        } catch (IOException e) {
            return "unreadable";
        }
    }
}
