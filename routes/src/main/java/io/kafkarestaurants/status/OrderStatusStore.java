package io.kafkarestaurants.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.kafkarestaurants.events.OrderStatusChanged;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.apache.kafka.streams.state.KeyValueIterator;

/**
 * The api role's view of every order: {@code order_status} as this replica's Kafka
 * Streams store holds it ({@link OrderViewSource}, on disk), so any replica can answer
 * for any order and its heap does not grow with their number. Orders this replica has
 * just placed are also held for a moment in a small bounded cache: the store learns them
 * from Kafka a few milliseconds later, and a {@code GET} right after the 202 must already
 * find the order. Snapshots only move forward: of the two, the one that supersedes the
 * other is the answer.
 */
public class OrderStatusStore {

    private final OrderViewSource source;

    private final ObjectMapper mapper;

    private final Cache<String, OrderStatusChanged> placedHere;

    private final CopyOnWriteArrayList<Consumer<OrderStatusChanged>> listeners = new CopyOnWriteArrayList<>();

    /**
     * @param repair publishes a snapshot on {@code order_status} again: the view's
     * current one, when a stale one has landed after it
     * ({@link OrderViewEvents#overtaken})
     */
    public OrderStatusStore(OrderViewSource source, ObjectMapper mapper, Duration placedHereFor,
            Consumer<OrderStatusChanged> repair) {
        this.source = source;
        this.mapper = mapper;
        this.placedHere = Caffeine.newBuilder().expireAfterWrite(placedHereFor).maximumSize(10_000).build();
        source.listen(new OrderViewEvents() {
            @Override
            public void changed(OrderStatusChanged snapshot) {
                publish(snapshot);
            }

            @Override
            public void overtaken(OrderStatusChanged current) {
                repair.accept(current);
            }
        });
    }

    /**
     * An order this replica has just published: held until the store has it, and told to
     * the live status streams when it is newer than what they know.
     */
    public void apply(OrderStatusChanged snapshot) {
        OrderStatusChanged known = find(snapshot.orderId()).orElse(null);
        if (known == null || known.supersededBy(snapshot)) {
            placedHere.put(snapshot.orderId(), snapshot);
            publish(snapshot);
        }
    }

    /**
     * The order's snapshot when the view holds it past RECEIVED (a stage has had its
     * order record), else null: an order intake must not place again, or its RECEIVED
     * status would land after the later ones.
     */
    public OrderStatusChanged pastReceived(String orderId) {
        return find(orderId).filter(snapshot -> snapshot.history().size() > 1).orElse(null);
    }

    public Optional<OrderStatusChanged> find(String orderId) {
        if (orderId == null) {
            return Optional.empty();
        }
        byte[] json = source.snapshots().get(orderId);
        OrderStatusChanged stored = json == null ? null : OrderViewTopology.read(mapper, json);
        OrderStatusChanged recent = placedHere.getIfPresent(orderId);
        if (recent == null) {
            return Optional.ofNullable(stored);
        }
        return Optional.of(stored == null || stored.supersededBy(recent) ? recent : stored);
    }

    /**
     * The answer of {@code GET /orders/{id}}; throws {@link OrderNotFoundException} when
     * the order is unknown.
     */
    public OrderView view(String orderId) {
        return find(orderId).map(OrderView::of).orElseThrow(() -> new OrderNotFoundException(orderId));
    }

    /**
     * Hears each change the view accepts (the live status streams); run the answer to
     * stop listening.
     */
    public Runnable listen(Consumer<OrderStatusChanged> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    private void publish(OrderStatusChanged snapshot) {
        listeners.forEach(listener -> listener.accept(snapshot));
    }

    /**
     * The ids of terminal orders whose last change is older than {@code cutoff}, at most
     * {@code limit} of them: what the retention sweep tombstones on {@code order_status}.
     */
    List<String> terminalBefore(Instant cutoff, int limit) {
        List<String> expired = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> all = source.snapshots().all()) {
            while (all.hasNext() && expired.size() < limit) {
                OrderStatusChanged snapshot = OrderViewTopology.read(mapper, all.next().value);
                if (snapshot.status().terminal() && snapshot.occurredAt().isBefore(cutoff)) {
                    expired.add(snapshot.orderId());
                }
            }
        }
        return expired;
    }

}
