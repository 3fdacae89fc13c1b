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
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * The orders of {@code make chaos}: sent at a fixed rate with a mix of test cards, each
 * with its own Idempotency-Key, and retried as a careful client would while parts of the
 * stack are down: the same key again after a 503, a 5xx from a proxy, a timeout or a
 * refused connection, with backoff, for a bounded time. With api replicas, three orders
 * in ten are also sent at the same moment, same key and same body, to each replica
 * directly: requests retried on another replica before the first answered.
 */
final class ChaosLoad {

    /**
     * The cards of the mix, as named by the bank mock's mappings, and how many of every
     * 100 orders pay with each.
     */
    static final Map<String, Integer> MIX = Map.of("approved", 66, "declined", 8, "insufficient-funds", 5, "flaky", 6,
            "slow-approved", 10, "processing-error", 5);

    /**
     * Of every ten orders, how many are also sent to each api replica directly when there
     * are replicas.
     */
    static final int ON_EVERY_REPLICA_PER_TEN = 3;

    /** What happened to one Idempotency-Key. */
    static final class Sent {

        final String key;

        final String card;

        /**
         * Requests sent at once under this key, each retried on its own: 1, or 1 + one
         * per api replica.
         */
        final int copies;

        /**
         * Every orderId a 202 named for this key: more than one breaks "a retry is never
         * a second order".
         */
        final Set<String> orderIds = ConcurrentHashMap.newKeySet();

        /** Requests sent under this key, first ones and retries, of every copy. */
        final AtomicInteger attempts = new AtomicInteger();

        volatile int lastStatus;

        /**
         * Copies given up on without a 202 (answered 4xx, or still failing when the
         * client stopped retrying).
         */
        final AtomicInteger givenUp = new AtomicInteger();

        Sent(String key, String card) {
            this(key, card, 1);
        }

        Sent(String key, String card, int copies) {
            this.key = key;
            this.card = card;
            this.copies = copies;
        }

        /** No copy got a 202. */
        boolean refused() {
            return orderIds.isEmpty();
        }

        /** Some copy needed more than one request. */
        boolean retried() {
            return attempts.get() > copies;
        }

    }

    private final ObjectMapper json = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(3))
        .executor(Executors.newFixedThreadPool(4, OrderDriver.daemon("chaos-http")))
        .build();

    private final ScheduledExecutorService retries = Executors
        .newSingleThreadScheduledExecutor(OrderDriver.daemon("chaos-retry"));

    private final URI orders;

    private final List<URI> replicas;

    private final OrderDriver bodies;

    private final TestCards cards;

    private final String runId;

    private final Duration retryFor;

    /**
     * {@code orders}: where orders go (the api, or the site's /api/orders);
     * {@code replicas}: POST /orders of each api replica, which the orders of
     * {@link #onEveryReplica} also go to directly (none without replicas).
     */
    ChaosLoad(URI orders, List<URI> replicas, OrderDriver bodies, TestCards cards, String runId, Duration retryFor) {
        this.orders = orders;
        this.replicas = replicas;
        this.bodies = bodies;
        this.cards = cards;
        this.runId = runId;
        this.retryFor = retryFor;
    }

    /**
     * The behaviour (MIX key) of the i-th order: a fixed interleaving, so every run sends
     * the same mix.
     */
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

    /**
     * Whether the i-th order is also sent to each api replica: the first three of every
     * ten, so each card of the mix (a card is chosen by {@code i * 37 % 100}, whose tens
     * run through every value) has its share.
     */
    static boolean onEveryReplica(long i) {
        return i % 10 < ON_EVERY_REPLICA_PER_TEN;
    }

    /**
     * The requests sent at once for the i-th order: where orders go, and with replicas
     * each of them directly.
     */
    private List<URI> targets(long i) {
        if (replicas.isEmpty() || !onEveryReplica(i)) {
            return List.of(orders);
        }
        return Stream.concat(Stream.of(orders), replicas.stream()).toList();
    }

    /**
     * Sends {@code count} orders at {@code rate} per second; returns once every copy of
     * each has a 202 or was given up on.
     */
    Map<String, Sent> run(int count, double rate) throws InterruptedException {
        Map<String, Sent> sent = new ConcurrentHashMap<>();
        CountDownLatch done = new CountDownLatch(IntStream.range(0, count).map(i -> targets(i).size()).sum());
        long start = System.nanoTime();
        double period = 1e9 / rate;
        for (int i = 0; i < count; i++) {
            long due = start + Math.round(i * period);
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            String behaviour = behaviour(i);
            List<URI> targets = targets(i);
            Sent one = new Sent(runId + "-" + i, behaviour, targets.size());
            sent.put(one.key, one);
            String body = bodies.body(cards.card(behaviour));
            long now = System.nanoTime();
            for (URI target : targets) {
                send(one, target, body, now, done, 1);
            }
        }
        if (!done.await(retryFor.toSeconds() + 60, TimeUnit.SECONDS)) {
            throw new IllegalStateException(done.getCount() + " orders still had no final answer");
        }
        return sent;
    }

    /**
     * One copy's attempt; it sends itself again after a retriable answer until retryFor
     * has passed.
     */
    private void send(Sent one, URI target, String body, long firstNanos, CountDownLatch done, int attempt) {
        one.attempts.incrementAndGet();
        HttpRequest request = HttpRequest.newBuilder(target)
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
            }
            else if (retriable(status) && System.nanoTime() - firstNanos < retryFor.toNanos()) {
                long backoffMs = Math.min(8000, 500L << Math.min(attempt - 1, 4));
                retries.schedule(() -> send(one, target, body, firstNanos, done, attempt + 1), backoffMs,
                        TimeUnit.MILLISECONDS);
            }
            else {
                one.givenUp.incrementAndGet();
                done.countDown();
            }
        });
    }

    /**
     * Worth the same request again: no answer, a 5xx, or 409 "still being placed" (the
     * first is in flight).
     */
    static boolean retriable(int status) {
        return status == 0 || status == 409 || status >= 500;
    }

    private String orderId(String answer) {
        try {
            return json.readTree(answer).path("orderId").asText();
        }
        catch (IOException e) {
            return "unreadable";
        }
    }

}
