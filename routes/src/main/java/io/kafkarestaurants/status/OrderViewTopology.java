package io.kafkarestaurants.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kafkarestaurants.events.OrderStatusChanged;
import java.io.IOException;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The order view as a Kafka Streams topology: one global store over the whole
 * {@code order_status} topic, kept on disk in RocksDB, so every api replica can answer
 * for every order with a heap that does not grow with their number. Each record goes
 * through {@link Updater}, also when a replica rebuilds its store at start (Kafka Streams
 * reprocesses a global store's topic through its processor): snapshots only move forward,
 * a tombstone forgets the order, an unreadable record is skipped, each accepted change is
 * told to the live status streams, and a stale snapshot that lands after a newer one is
 * told too, so the newer one can be published again.
 */
final class OrderViewTopology {

    static final String STORE = "order-view";

    private static final Logger LOG = LoggerFactory.getLogger(OrderViewTopology.class);

    private OrderViewTopology() {
    }

    static Topology build(String topic, ObjectMapper mapper, OrderViewEvents events) {
        // The snapshot's JSON as it came: stored without being written again, read only
        // when a newer one arrives.
        var store = Stores
            .keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE), Serdes.String(), Serdes.ByteArray())
            // A global store is rebuilt from its topic: it needs no changelog of its own.
            .withLoggingDisabled();
        Topology topology = new Topology();
        topology.addGlobalStore(store, "order-status-source", Serdes.String().deserializer(),
                Serdes.ByteArray().deserializer(), topic, "order-view-updater", () -> new Updater(mapper, events));
        return topology;
    }

    /** A stored snapshot (the store holds only snapshots that were read once already). */
    static OrderStatusChanged read(ObjectMapper mapper, byte[] json) {
        try {
            return mapper.readValue(json, OrderStatusChanged.class);
        }
        catch (IOException e) {
            throw new IllegalStateException("The order view holds an unreadable snapshot", e);
        }
    }

    /** Applies one {@code order_status} record to the store. */
    static final class Updater implements Processor<String, byte[], Void, Void> {

        private final ObjectMapper mapper;

        private final OrderViewEvents events;

        private KeyValueStore<String, byte[]> snapshots;

        Updater(ObjectMapper mapper, OrderViewEvents events) {
            this.mapper = mapper;
            this.events = events;
        }

        private OrderStatusChanged read(byte[] stored) {
            return OrderViewTopology.read(mapper, stored);
        }

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            snapshots = context.getStateStore(STORE);
        }

        @Override
        public void process(Record<String, byte[]> record) {
            String orderId = record.key();
            if (orderId == null) {
                return;
            }
            if (record.value() == null) {
                snapshots.delete(orderId);
                return;
            }
            OrderStatusChanged snapshot;
            try {
                snapshot = mapper.readValue(record.value(), OrderStatusChanged.class);
            }
            catch (IOException | RuntimeException e) {
                // The view keeps up: one record it cannot read costs that order's
                // snapshot, never the others'.
                LOG.warn("Skipped unreadable order_status record of order {}: {}", orderId,
                        e.getClass().getSimpleName());
                return;
            }
            byte[] stored = snapshots.get(orderId);
            OrderStatusChanged current = stored == null ? null : read(stored);
            if (current == null || current.supersededBy(snapshot)) {
                snapshots.put(orderId, record.value());
                events.changed(snapshot);
            }
            else if (snapshot.supersededBy(current)) {
                events.overtaken(current);
            }
        }

    }

}
