package io.kafkarestaurants.popularity;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kafkarestaurants.events.RestaurantPopularity;
import io.kafkarestaurants.support.WaitingMockConsumer;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * restaurant_popularity as its reader sees it (one partition, Kafka's MockConsumer): a
 * value written by another process moves the end offset at once and reaches the reader
 * with its next poll.
 */
final class PopularityTopicStub extends WaitingMockConsumer {

    static final String TOPIC = "restaurant_popularity";

    private static final TopicPartition PARTITION = new TopicPartition(TOPIC, 0);

    private final ObjectMapper mapper;

    private long end;

    PopularityTopicStub(ObjectMapper mapper) {
        this.mapper = mapper;
        updatePartitions(TOPIC, List.of(new PartitionInfo(TOPIC, 0, null, null, null)));
        updateBeginningOffsets(Map.of(PARTITION, 0L));
        updateEndOffsets(Map.of(PARTITION, 0L));
    }

    PopularityTopic topic() {
        return new PopularityTopic(TOPIC, () -> this, mapper);
    }

    /** Another process wrote this value. */
    synchronized void written(RestaurantPopularity value) {
        try {
            written(value.key(), mapper.writeValueAsString(value));
        }
        catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    synchronized void written(String key, String json) {
        long offset = end++;
        updateEndOffsets(Map.of(PARTITION, end));
        schedulePollTask(() -> addRecord(new ConsumerRecord<>(TOPIC, 0, offset, key, json)));
        arrived();
    }

}
