package io.kafkarestaurants.status;

import io.kafkarestaurants.events.OrderStatusChanged;

/** What the order view tells its owner as it reads {@code order_status}. */
public interface OrderViewEvents {

    /**
     * The view accepted this snapshot: it is the order's state now (the live status
     * streams send it).
     */
    void changed(OrderStatusChanged snapshot);

    /**
     * A snapshot older than the view's landed on {@code order_status} after it (two api
     * replicas placed the same order at once, and the later RECEIVED arrived after the
     * order's next statuses): the topic's last record of the order, the one compaction
     * keeps, is stale. {@code current} is the view's snapshot, to be published again.
     * Told only once the view has caught up, so a replica rebuilding its store does not
     * repeat repairs already made.
     */
    void overtaken(OrderStatusChanged current);

}
