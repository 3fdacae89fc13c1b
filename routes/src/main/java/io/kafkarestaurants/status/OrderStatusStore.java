package io.kafkarestaurants.status;

import io.kafkarestaurants.events.OrderStatusChanged;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The api role's view of every order, materialized from the whole {@code order_status} topic (each api replica
 * reads it all, so any replica can answer for any order). Snapshots only move forward: a stale one that arrives
 * late is ignored. Listeners hear each accepted change (the live status stream uses this).
 */
public class OrderStatusStore {

    private final Map<String, OrderStatusChanged> orders = new ConcurrentHashMap<>();
    private final CopyOnWriteArrayList<Consumer<OrderStatusChanged>> listeners = new CopyOnWriteArrayList<>();

    /** Applies a snapshot when it is newer than what the view holds; listeners hear only such changes. */
    public void apply(OrderStatusChanged snapshot) {
        boolean[] changed = {false};
        orders.compute(snapshot.orderId(), (id, current) -> {
            if (current == null || current.supersededBy(snapshot)) {
                changed[0] = true;
                return snapshot;
            }
            return current;
        });
        if (changed[0]) {
            listeners.forEach(listener -> listener.accept(snapshot));
        }
    }

    /**
     * The order's snapshot when the view holds it past RECEIVED (a stage has had its order record), else null: an
     * order intake must not place again, or its RECEIVED status would land after the later ones.
     */
    public OrderStatusChanged pastReceived(String orderId) {
        OrderStatusChanged snapshot = orders.get(orderId);
        return snapshot != null && snapshot.history().size() > 1 ? snapshot : null;
    }

    public Optional<OrderStatusChanged> find(String orderId) {
        return Optional.ofNullable(orderId).map(orders::get);
    }

    /** The answer of {@code GET /orders/{id}}; throws {@link OrderNotFoundException} when the order is unknown. */
    public OrderView view(String orderId) {
        return find(orderId).map(OrderView::of).orElseThrow(() -> new OrderNotFoundException(orderId));
    }

    public Runnable listen(Consumer<OrderStatusChanged> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }
}
