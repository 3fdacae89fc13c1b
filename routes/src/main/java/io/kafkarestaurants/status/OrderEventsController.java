package io.kafkarestaurants.status;

import io.kafkarestaurants.OnRole;
import io.kafkarestaurants.events.OrderStatus;
import io.kafkarestaurants.events.OrderStatusChanged;
import io.kafkarestaurants.order.Problems;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * {@code GET /orders/{id}/events}: the order's status as server-sent events, an event
 * {@code status} carrying the same JSON as {@code GET /orders/{id}}: the current state at
 * once, then each change, and the stream ends after a terminal state. Camel's
 * platform-http answers one message per exchange, so this one streaming endpoint is a
 * Spring MVC adapter over the order view that the routes maintain; it holds no flow of
 * its own.
 */
@RestController
@OnRole("api")
class OrderEventsController {

    private final OrderStatusStore store;

    private final Problems problems;

    private final Duration timeout;

    private final ExecutorService senders = Executors.newFixedThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "order-events");
        thread.setDaemon(true);
        return thread;
    });

    OrderEventsController(OrderStatusStore store, Problems problems,
            @Value("${restaurants.events.timeout:30m}") Duration timeout) {
        this.store = store;
        this.problems = problems;
        this.timeout = timeout;
    }

    @jakarta.annotation.PreDestroy
    void stop() {
        senders.shutdownNow();
    }

    @GetMapping(path = "/orders/{orderId}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    ResponseEntity<?> events(@PathVariable String orderId) {
        Optional<OrderStatusChanged> known = store.find(orderId);
        if (known.isEmpty()) {
            // The same problem as the REST routes answer (Spring's ProblemDetail would
            // add an instance field).
            return ResponseEntity.status(HttpStatus.NOT_FOUND)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problems.notFound(new OrderNotFoundException(orderId)));
        }
        SseEmitter emitter = new SseEmitter(timeout.toMillis());
        Subscription subscription = new Subscription(emitter);
        Runnable stopListening = store.listen(snapshot -> {
            if (snapshot.orderId().equals(orderId)) {
                senders.execute(() -> subscription.send(snapshot));
            }
        });
        emitter.onCompletion(stopListening);
        emitter.onTimeout(emitter::complete);
        emitter.onError(error -> stopListening.run());
        // Listening first, then the current state: a change in between is sent, never
        // missed.
        store.find(orderId).ifPresent(subscription::send);
        return ResponseEntity.ok()
            .header("X-Accel-Buffering", "no")
            .contentType(MediaType.TEXT_EVENT_STREAM)
            .body(emitter);
    }

    /**
     * One client's stream: snapshots go out in order, stale ones are dropped (by the
     * domain's rule, {@link OrderStatusChanged#supersededBy}), the stream ends when
     * terminal.
     */
    private static final class Subscription {

        private final SseEmitter emitter;

        /** The last snapshot sent, null before the first. */
        private OrderStatusChanged sent;

        private boolean done;

        Subscription(SseEmitter emitter) {
            this.emitter = emitter;
        }

        synchronized void send(OrderStatusChanged snapshot) {
            if (done || (sent != null && !sent.supersededBy(snapshot))) {
                return;
            }
            try {
                emitter
                    .send(SseEmitter.event().name("status").data(OrderView.of(snapshot), MediaType.APPLICATION_JSON));
                sent = snapshot;
                if (finished(snapshot)) {
                    done = true;
                    emitter.complete();
                }
            }
            catch (IOException | IllegalStateException e) {
                done = true;
                emitter.completeWithError(e);
            }
        }

        /** Terminal, and for a decline, its mail sent: nothing more will change. */
        private static boolean finished(OrderStatusChanged snapshot) {
            return snapshot.status().terminal()
                    && (snapshot.status() != OrderStatus.DECLINED || snapshot.notifiedAt() != null);
        }

    }

}
