package io.kafkarestaurants.kafka;

import io.kafkarestaurants.support.WaitingMockConsumer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A stage memory's topic as its reader sees it (Kafka's MockConsumer): records other
 * processes wrote move the topic's end offsets at once ({@link #written}), and reach the
 * reader only when the test says ({@link #deliver}), as a lagging consumer would. Its
 * poll waits up to its timeout for a record, as a real consumer's does.
 */
final class MemoryTopicStub extends WaitingMockConsumer {

    static final String TOPIC = "stage.memory";

    private final Map<TopicPartition, Long> ends = new HashMap<>();

    private RuntimeException endOffsetsFailure;

    MemoryTopicStub(int partitions) {
        List<PartitionInfo> infos = new ArrayList<>();
        for (int partition = 0; partition < partitions; partition++) {
            infos.add(new PartitionInfo(TOPIC, partition, null, null, null));
            ends.put(new TopicPartition(TOPIC, partition), 0L);
        }
        updatePartitions(TOPIC, infos);
        updateBeginningOffsets(Map.copyOf(ends));
        updateEndOffsets(Map.copyOf(ends));
    }

    /** A memory reading this topic (writing to a MockProducer), not started. */
    StageMemory memory(MockProducer<String, String> producer) {
        return new StageMemory(TOPIC, () -> this, () -> producer, new Properties(), 1000, Duration.ofMillis(50),
                Duration.ofSeconds(5), Duration.ofSeconds(10));
    }

    static MockProducer<String, String> producer() {
        return new MockProducer<>(true, new StringSerializer(), new StringSerializer());
    }

    /**
     * Another process wrote this record: the end offset of its partition moves; the
     * reader has not read it yet.
     */
    synchronized ConsumerRecord<String, String> written(int partition, String key, String value) {
        TopicPartition topicPartition = new TopicPartition(TOPIC, partition);
        long offset = ends.get(topicPartition);
        ends.put(topicPartition, offset + 1);
        updateEndOffsets(Map.of(topicPartition, offset + 1));
        return new ConsumerRecord<>(TOPIC, partition, offset, key, value);
    }

    /** The reader gets to read these now. */
    synchronized void deliver(List<ConsumerRecord<String, String>> records) {
        records.forEach(this::addRecord);
        arrived();
    }

    /** Reading the end offsets fails until {@link #endOffsetsReadable}. */
    synchronized void endOffsetsFail(RuntimeException failure) {
        endOffsetsFailure = failure;
    }

    synchronized void endOffsetsReadable() {
        endOffsetsFailure = null;
    }

    @Override
    public synchronized Map<TopicPartition, Long> endOffsets(Collection<TopicPartition> partitions, Duration timeout) {
        if (endOffsetsFailure != null) {
            throw endOffsetsFailure;
        }
        return super.endOffsets(partitions);
    }

}
