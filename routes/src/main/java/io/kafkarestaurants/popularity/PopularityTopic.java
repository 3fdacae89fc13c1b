package io.kafkarestaurants.popularity;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kafkarestaurants.events.RestaurantPopularity;
import io.kafkarestaurants.kafka.TopicFollower;
import java.io.IOException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@code restaurant_popularity} says now, read by a {@link TopicFollower} (every
 * partition, no group): per restaurant, its value for each partition of {@code order}. Of
 * two values of one key the one that counted further (the higher offset) stays, whichever
 * was written last: a process that has just lost a partition may still write its last
 * value of it after the new owner wrote a newer one. A tombstone forgets its key; an
 * unreadable record is skipped.
 */
public class PopularityTopic {

    private static final Logger LOG = LoggerFactory.getLogger(PopularityTopic.class);

    private final TopicFollower follower;

    private final ObjectMapper mapper;

    private final Map<String, Map<Integer, RestaurantPopularity>> byRestaurant = new ConcurrentHashMap<>();

    PopularityTopic(String topic, Supplier<Consumer<String, String>> consumers, ObjectMapper mapper) {
        this.mapper = mapper;
        this.follower = new TopicFollower(topic, consumers, this::apply, Duration.ofMillis(100),
                Duration.ofSeconds(30));
    }

    public String topic() {
        return follower.topic();
    }

    /** Reads the topic to its end, then follows it; throws after {@code timeout}. */
    public void start(Duration timeout) {
        follower.start(timeout);
    }

    public void stop() {
        follower.stop();
    }

    /** Completes once every value acknowledged before this call has been read. */
    public CompletableFuture<Void> caughtUp() {
        return follower.caughtUp();
    }

    /** A restaurant's values, one per partition of {@code order} it has orders on. */
    public Collection<RestaurantPopularity> of(String restaurantId) {
        Map<Integer, RestaurantPopularity> values = byRestaurant.get(restaurantId);
        return values == null ? List.of() : values.values();
    }

    /** Every restaurant's value for one partition of {@code order}. */
    List<RestaurantPopularity> ofPartition(int partition) {
        return byRestaurant.values()
            .stream()
            .map(values -> values.get(partition))
            .filter(java.util.Objects::nonNull)
            .toList();
    }

    void apply(ConsumerRecord<String, String> record) {
        String key = record.key();
        int at = key == null ? -1 : key.lastIndexOf('@');
        if (at <= 0) {
            LOG.warn("Skipped a {} record without a restaurantId@partition key at {}@{}", record.topic(),
                    record.partition(), record.offset());
            return;
        }
        if (record.value() == null) {
            forget(key.substring(0, at), key.substring(at + 1));
            return;
        }
        RestaurantPopularity value;
        try {
            value = mapper.readValue(record.value(), RestaurantPopularity.class);
        }
        catch (IOException | RuntimeException e) {
            LOG.warn("Skipped an unreadable {} record of {}: {}", record.topic(), key, e.getClass().getSimpleName());
            return;
        }
        byRestaurant.computeIfAbsent(value.restaurantId(), r -> new ConcurrentHashMap<>())
            .merge(value.partition(), value, (kept, read) -> read.offset() >= kept.offset() ? read : kept);
    }

    private void forget(String restaurantId, String partition) {
        Map<Integer, RestaurantPopularity> values = byRestaurant.get(restaurantId);
        if (values != null) {
            try {
                values.remove(Integer.parseInt(partition));
            }
            catch (NumberFormatException e) {
                LOG.warn("Skipped a tombstone with a bad key {}@{}", restaurantId, partition);
            }
        }
    }

}
