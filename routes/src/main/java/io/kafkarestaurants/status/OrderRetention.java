package io.kafkarestaurants.status;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which orders the view forgets: terminal ones whose last change is older than the
 * retention (30 days by default). The {@code order-view-retention} route publishes a
 * tombstone on {@code order_status} for each; every replica's view then deletes the
 * order, and compaction removes its snapshots (customer email and address included) from
 * the topic.
 */
public class OrderRetention {

    private static final Logger LOG = LoggerFactory.getLogger(OrderRetention.class);

    private final OrderStatusStore store;

    private final Clock clock;

    private final Duration retention;

    private final int batch;

    OrderRetention(OrderStatusStore store, Clock clock, Duration retention, int batch) {
        this.store = store;
        this.clock = clock;
        this.retention = retention;
        this.batch = batch;
    }

    /**
     * The orders to forget now, at most one batch of them (the next sweep takes the
     * rest).
     */
    public List<String> expired() {
        List<String> expired = store.terminalBefore(clock.instant().minus(retention), batch);
        if (!expired.isEmpty()) {
            LOG.info("Forgetting {} terminal orders older than {}", expired.size(), retention);
        }
        return expired;
    }

}
