package io.kafkarestaurants.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kafkarestaurants.events.OrderStatusChanged;
import java.io.IOException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** The order view's stored values: the snapshot's JSON, as on the topic. */
final class SnapshotSerde implements Serde<OrderStatusChanged> {

    private final ObjectMapper mapper;

    SnapshotSerde(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public Serializer<OrderStatusChanged> serializer() {
        return (topic, snapshot) -> {
            try {
                return snapshot == null ? null : mapper.writeValueAsBytes(snapshot);
            } catch (IOException e) {
                throw new SerializationException("Cannot write the snapshot of order " + snapshot.orderId(), e);
            }
        };
    }

    @Override
    public Deserializer<OrderStatusChanged> deserializer() {
        return (topic, bytes) -> {
            try {
                return bytes == null ? null : mapper.readValue(bytes, OrderStatusChanged.class);
            } catch (IOException e) {
                throw new SerializationException("Cannot read a stored order snapshot", e);
            }
        };
    }
}
