package io.kafkarestaurants.kafka;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads the event a stage consumes from its record, as the type the stage declares
 * (kafka-stage-consumer's {@code eventType}). A record that is not that event (unreadable
 * JSON, another shape, a failed check of the event's own) throws, and stage-errors
 * dead-letters it as poison.
 */
public class StageEvents {

    private final ObjectMapper mapper;

    private final Map<String, Class<?>> types = new ConcurrentHashMap<>();

    StageEvents(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public Object read(String record, String type) throws IOException {
        return mapper.readValue(record, types.computeIfAbsent(type, StageEvents::load));
    }

    private static Class<?> load(String type) {
        try {
            return Class.forName(type);
        }
        catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("No event type " + type, e);
        }
    }

}
