package io.kafkarestaurants.flow;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one {@link OffsetSample} with the Kafka admin client: describe the flow's topics,
 * list their end offsets and each stage group's committed offsets. Read-only (Describe on
 * the topics and groups); it consumes nothing. Its admin client is made at the first
 * sample and closed after a failed one (made again at the next) and when sampling stops.
 */
final class FlowSampler implements FlowMonitor.Sampler {

    private static final Logger LOG = LoggerFactory.getLogger(FlowSampler.class);

    private final Set<String> topics = new TreeSet<>();

    private final Map<String, List<String>> groups = new HashMap<>();

    private final Supplier<Admin> admins;

    private final Duration timeout;

    private final Clock clock;

    private Admin admin;

    FlowSampler(FlowTopology topology, Supplier<Admin> admins, Duration timeout, Clock clock) {
        this.admins = admins;
        topology.ofKind(FlowTopology.TOPIC).forEach(node -> topics.add(node.topic()));
        topology.ofKind(FlowTopology.STAGE).forEach(stage -> groups.put(stage.group(), stage.consumes()));
        this.timeout = timeout;
        this.clock = clock;
    }

    /** Throws when the broker does not answer within the timeout. */
    @Override
    public synchronized OffsetSample sample() throws InterruptedException, ExecutionException, TimeoutException {
        if (admin == null) {
            admin = admins.get();
        }
        try {
            return sample(admin);
        }
        catch (InterruptedException | ExecutionException | TimeoutException | RuntimeException e) {
            close();
            throw e;
        }
    }

    @Override
    public synchronized void close() {
        if (admin != null) {
            admin.close(timeout);
            admin = null;
        }
    }

    private OffsetSample sample(Admin admin) throws InterruptedException, ExecutionException, TimeoutException {
        int timeoutMs = (int) timeout.toMillis();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        var described = admin.describeTopics(topics, new DescribeTopicsOptions().timeoutMs(timeoutMs))
            .topicNameValues();
        for (var topic : described.entrySet()) {
            try {
                topic.getValue()
                    .get(timeoutMs, TimeUnit.MILLISECONDS)
                    .partitions()
                    .forEach(partition -> latest.put(new TopicPartition(topic.getKey(), partition.partition()),
                            OffsetSpec.latest()));
            }
            catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw e;
                }
            }
        }
        Map<TopicPartition, Long> ends = new HashMap<>();
        Map<TopicPartition, ListOffsetsResultInfo> offsets = admin
            .listOffsets(latest, new ListOffsetsOptions().timeoutMs(timeoutMs))
            .all()
            .get(timeoutMs, TimeUnit.MILLISECONDS);
        offsets.forEach((partition, info) -> ends.put(partition, info.offset()));
        // When the end offsets were read: rates are their growth between two samples.
        Instant at = clock.instant();
        Map<String, Map<TopicPartition, Long>> committed = new HashMap<>();
        for (var group : groups.entrySet()) {
            KafkaFuture<Map<TopicPartition, OffsetAndMetadata>> future = admin
                .listConsumerGroupOffsets(group.getKey(), new ListConsumerGroupOffsetsOptions().timeoutMs(timeoutMs))
                .partitionsToOffsetAndMetadata();
            Map<TopicPartition, Long> ofGroup = new HashMap<>();
            try {
                future.get(timeoutMs, TimeUnit.MILLISECONDS).forEach((partition, offset) -> {
                    if (offset != null && group.getValue().contains(partition.topic())) {
                        ofGroup.put(partition, offset.offset());
                    }
                });
                committed.put(group.getKey(), ofGroup);
            }
            catch (ExecutionException e) {
                // The broker answered, but not for this group (its coordinator is not
                // there yet, e.g. while the
                // offsets topic is created): its stage's lag and rate are unknown in this
                // sample, the rest stands.
                LOG.debug("Flow: no committed offsets of group {} in this sample: {}", group.getKey(), e.getMessage());
            }
        }
        return new OffsetSample(at, ends, committed);
    }

}
