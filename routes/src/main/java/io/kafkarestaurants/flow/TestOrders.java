package io.kafkarestaurants.flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kafkarestaurants.RequestRefusedException;
import io.kafkarestaurants.order.FieldError;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The page's "send test orders": one run at a time, at most {@code maxCount} orders at a
 * chosen rate (at most {@code maxRatePerSecond}), each placed through the real intake on
 * a thread of its own; off in production mode ({@code enabled} false), and refused while
 * the bank mock's test cards are not configured. The bounds here are the only rate limit:
 * the site's nginx limit applies to outside requests, not to these.
 */
public final class TestOrders implements AutoCloseable {

    /**
     * Places one test order through intake: its HTTP status and, when accepted, its
     * orderId.
     */
    interface Placer {

        Placed place(double declineShare);

    }

    record Placed(int status, String orderId) {
    }

    static final int LAST_ORDER_IDS = 10;

    private final FlowProperties.TestOrders settings;

    private final Placer placer;

    private final ObjectMapper mapper;

    private final Clock clock;

    private final ScheduledExecutorService scheduler;

    private Run run;

    TestOrders(FlowProperties.TestOrders settings, Placer placer, ObjectMapper mapper, Clock clock) {
        this.settings = settings;
        this.placer = placer;
        this.mapper = mapper;
        this.clock = clock;
        this.scheduler = DaemonScheduler.named("flow-test-orders");
    }

    /**
     * What the page shows: whether it may send test orders, the bounds, and the current
     * or last run.
     */
    synchronized FlowAnswer.TestOrdersState state() {
        return new FlowAnswer.TestOrdersState(settings.enabled() && settings.cardsConfigured(), settings.maxCount(),
                settings.maxRatePerSecond(), run == null ? null : run.view());
    }

    /**
     * {@code POST /flow/test-orders}: starts a run, or refuses it (404 off, 503 no cards,
     * 400 out of bounds, 409).
     */
    public synchronized TestOrderRun start(String body) {
        requireEnabled();
        if (!settings.cardsConfigured()) {
            throw new RequestRefusedException(503, "test-orders-not-configured", "Test orders not configured",
                    "Test orders need the bank mock's test cards: set restaurants.flow.test-orders.approved-card and "
                            + "declined-card (FLOW_TEST_ORDERS_APPROVED_CARD, FLOW_TEST_ORDERS_DECLINED_CARD).",
                    List.of());
        }
        Request request = read(body);
        if (run != null && run.state.equals(TestOrderRun.RUNNING)) {
            throw new RequestRefusedException(409, "test-orders-running", "Test orders running",
                    "A run of test orders is in progress: stop it (DELETE /flow/test-orders) or wait for it to end.",
                    List.of());
        }
        Run next = new Run(request, clock.instant());
        run = next;
        long periodNanos = Math.round(TimeUnit.SECONDS.toNanos(1) / request.ratePerSecond());
        next.task = scheduler.scheduleAtFixedRate(() -> send(next), 0, periodNanos, TimeUnit.NANOSECONDS);
        return next.view();
    }

    /** {@code DELETE /flow/test-orders}: stops the run in progress, if any. */
    public synchronized void stop() {
        requireEnabled();
        if (run != null && run.state.equals(TestOrderRun.RUNNING)) {
            run.finish(TestOrderRun.STOPPED);
        }
    }

    private void send(Run current) {
        synchronized (this) {
            if (!current.state.equals(TestOrderRun.RUNNING)) {
                return;
            }
            current.sent++;
        }
        Placed placed;
        try {
            placed = placer.place(current.request.declineShare());
        }
        catch (RuntimeException e) {
            placed = new Placed(500, null);
        }
        synchronized (this) {
            if (placed.status() == 202) {
                current.accepted++;
                current.lastOrderIds.addLast(placed.orderId());
                if (current.lastOrderIds.size() > LAST_ORDER_IDS) {
                    current.lastOrderIds.removeFirst();
                }
            }
            else {
                current.refused++;
            }
            if (current.sent >= current.request.count() && current.state.equals(TestOrderRun.RUNNING)) {
                current.finish(TestOrderRun.DONE);
            }
        }
    }

    private void requireEnabled() {
        if (!settings.enabled()) {
            throw new RequestRefusedException(404, "test-orders-off", "Test orders are off",
                    "This site runs in production mode: it sends no test orders.", List.of());
        }
    }

    /**
     * The request's bounds: count 1..maxCount, ratePerSecond 0.1..maxRatePerSecond,
     * declineShare 0..1 (default 0).
     */
    private Request read(String body) {
        JsonNode json;
        try {
            json = body == null || body.isBlank() ? null : mapper.readTree(body);
        }
        catch (IOException e) {
            json = null;
        }
        if (json == null || !json.isObject()) {
            throw invalid(
                    List.of(new FieldError("body", "must be a JSON object {count, ratePerSecond, declineShare}")));
        }
        List<FieldError> errors = new ArrayList<>();
        JsonNode count = json.path("count");
        if (!count.canConvertToInt() || !count.isIntegralNumber() || count.asInt() < 1
                || count.asInt() > settings.maxCount()) {
            errors.add(new FieldError("count", "must be a whole number from 1 to " + settings.maxCount()));
        }
        JsonNode rate = json.path("ratePerSecond");
        if (!rate.isNumber() || rate.asDouble() < 0.1 || rate.asDouble() > settings.maxRatePerSecond()) {
            errors.add(new FieldError("ratePerSecond", "must be a number from 0.1 to " + settings.maxRatePerSecond()));
        }
        JsonNode share = json.path("declineShare");
        if (!share.isMissingNode() && (!share.isNumber() || share.asDouble() < 0 || share.asDouble() > 1)) {
            errors.add(new FieldError("declineShare", "must be a number from 0 to 1"));
        }
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
        return new Request(count.asInt(), rate.asDouble(), share.isMissingNode() ? 0 : share.asDouble());
    }

    private static RequestRefusedException invalid(List<FieldError> errors) {
        return new RequestRefusedException(400, "invalid-test-orders", "Invalid test orders",
                "The test orders were not started; see errors.", errors);
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }

    /**
     * The body of {@code POST /flow/test-orders}, as read once its bounds are checked.
     */
    @Schema(name = "TestOrdersRequest", description = "A run of test orders to start")
    record Request(
            @Schema(requiredMode = RequiredMode.REQUIRED,
                    description = "How many orders, 1 to the maxCount /flow reports", example = "100") int count,
            @Schema(requiredMode = RequiredMode.REQUIRED,
                    description = "Orders per second, 0.1 to the maxRatePerSecond /flow reports",
                    example = "10") double ratePerSecond,
            @Schema(description = "The share paid with the declining test card, 0 to 1", defaultValue = "0",
                    example = "0.2") double declineShare) {
    }

    /** A run's state, guarded by the TestOrders it belongs to. */
    private static final class Run {

        final String id = UUID.randomUUID().toString();

        final Request request;

        final Instant startedAt;

        final Deque<String> lastOrderIds = new ArrayDeque<>();

        ScheduledFuture<?> task;

        String state = TestOrderRun.RUNNING;

        int sent;

        int accepted;

        int refused;

        Run(Request request, Instant startedAt) {
            this.request = request;
            this.startedAt = startedAt;
        }

        void finish(String end) {
            state = end;
            if (task != null) {
                task.cancel(false);
            }
        }

        TestOrderRun view() {
            return new TestOrderRun(id, request.count(), sent, accepted, refused, request.ratePerSecond(),
                    request.declineShare(), state, startedAt, List.copyOf(lastOrderIds));
        }

    }

}
