package io.kafkarestaurants.status;

import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Where the order view's snapshots are, and whether this replica's view has caught up
 * with {@code order_status}.
 */
public interface OrderViewSource {

    /**
     * The snapshots by orderId, as the JSON they were published in; throws Kafka Streams'
     * InvalidStateStoreException while the store cannot be read.
     */
    ReadOnlyKeyValueStore<String, byte[]> snapshots();

    /**
     * True once the view has read {@code order_status} up to the end offsets it saw when
     * it started.
     */
    boolean caughtUp();

    /**
     * Who hears what the view reads (one listener: the order status store, which fans
     * out).
     */
    void listen(OrderViewEvents events);

}
