package io.kafkarestaurants.flow;

import java.time.Instant;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * One look at the broker: the end offset of every partition of the flow's topics (absent:
 * the topic does not exist), and each stage group's committed offsets on the topics it
 * consumes (a partition absent: never committed there; a group absent: the broker did not
 * say this time).
 */
record OffsetSample(Instant at, Map<TopicPartition, Long> ends, Map<String, Map<TopicPartition, Long>> committed) {
}
