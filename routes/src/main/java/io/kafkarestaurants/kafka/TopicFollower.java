package io.kafkarestaurants.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every partition of a (compacted) topic from its beginning and then follows it, on
 * a thread of its own, in no consumer group (assign()), handing each record to
 * {@code apply}. It answers {@link #caughtUp()}: a future completed once its position has
 * reached, in every partition, the end offsets the topic had when it was asked (Kafka's
 * {@code endOffsets} against the consumer's {@code position}, the check Kafka Streams
 * makes before it counts a global store restored). The stages' memories
 * ({@link StageMemory}) and the restaurants' popularity read their topics so.
 */
public final class TopicFollower {

    private static final Logger LOG = LoggerFactory.getLogger(TopicFollower.class);

    private final String topic;

    private final Supplier<Consumer<String, String>> consumers;

    private final java.util.function.Consumer<ConsumerRecord<String, String>> apply;

    private final Duration pollTimeout;

    private final Duration requestTimeout;

    /**
     * Asked for by {@link #caughtUp()}, not yet given their end offsets by the reader.
     */
    private final Queue<CompletableFuture<Void>> asked = new ConcurrentLinkedQueue<>();

    /** The reader thread's own: end offsets to reach, and who waits for them. */
    private final List<Target> targets = new ArrayList<>();

    private volatile boolean reading;

    private Consumer<String, String> consumer;

    private List<TopicPartition> partitions;

    private Thread reader;

    public TopicFollower(String topic, Supplier<Consumer<String, String>> consumers,
            java.util.function.Consumer<ConsumerRecord<String, String>> apply, Duration pollTimeout,
            Duration requestTimeout) {
        this.topic = topic;
        this.consumers = consumers;
        this.apply = apply;
        this.pollTimeout = pollTimeout;
        this.requestTimeout = requestTimeout;
    }

    /**
     * The settings of a follower's consumer from the application's (bootstrap servers,
     * security): no group, nothing committed, from the beginning, records as strings.
     */
    public static Properties consumerConfig(Properties applicationConfig) {
        Properties consumer = new Properties();
        consumer.putAll(applicationConfig);
        consumer.remove(ConsumerConfig.GROUP_ID_CONFIG);
        consumer.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        consumer.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumer.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        consumer.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        return consumer;
    }

    public String topic() {
        return topic;
    }

    /**
     * Starts following the topic and returns once it has read it to its end, or throws
     * after {@code timeout}.
     */
    public void start(Duration timeout) {
        consumer = consumers.get();
        List<PartitionInfo> infos = consumer.partitionsFor(topic, requestTimeout);
        if (infos == null || infos.isEmpty()) {
            close();
            throw new IllegalStateException("Topic " + topic + " has no partitions: does it exist?");
        }
        partitions = infos.stream().map(info -> new TopicPartition(topic, info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        reading = true;
        CompletableFuture<Void> loaded = caughtUp();
        reader = new Thread(this::read, "topic-follower-" + topic);
        reader.setDaemon(true);
        reader.start();
        try {
            loaded.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (TimeoutException | ExecutionException e) {
            stop();
            throw new IllegalStateException("Could not read the topic " + topic + " to its end", e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop();
            throw new IllegalStateException("Interrupted while reading the topic " + topic, e);
        }
    }

    /**
     * Stops following; whoever waits for {@link #caughtUp()} is told it will not come.
     */
    public void stop() {
        reading = false;
        if (reader != null) {
            consumer.wakeup();
            try {
                reader.join(requestTimeout.toMillis());
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (reader.isAlive()) {
                LOG.warn("The reader of {} did not stop within {}", topic, requestTimeout);
            }
            reader = null;
        }
        IllegalStateException stopped = new IllegalStateException("The reader of " + topic + " stopped");
        targets.forEach(target -> target.fail(stopped));
        targets.clear();
        for (CompletableFuture<Void> waiting = asked.poll(); waiting != null; waiting = asked.poll()) {
            waiting.completeExceptionally(stopped);
        }
        close();
    }

    /**
     * Completes once the topic has been read up to (at least) the end offsets it has now,
     * so every record acknowledged before this call was applied; completes exceptionally
     * if those end offsets cannot be read (the next call asks again) or the follower is
     * not running. Never blocks.
     */
    public CompletableFuture<Void> caughtUp() {
        CompletableFuture<Void> caughtUp = new CompletableFuture<>();
        if (!reading) {
            caughtUp.completeExceptionally(new IllegalStateException("The reader of " + topic + " is not running"));
            return caughtUp;
        }
        asked.add(caughtUp);
        return caughtUp;
    }

    private void close() {
        try {
            if (consumer != null) {
                consumer.close(Duration.ofSeconds(5));
            }
        }
        catch (RuntimeException e) {
            LOG.warn("Closing the reader of {} failed: {}", topic, e.toString());
        }
        consumer = null;
    }

    /**
     * The reader thread: applies every record of the topic, and completes the targets it
     * reaches.
     */
    private void read() {
        while (reading) {
            try {
                for (ConsumerRecord<String, String> record : consumer.poll(pollTimeout)) {
                    apply.accept(record);
                }
                settle();
            }
            catch (WakeupException e) {
                // stop() woke the reader up.
            }
            catch (RuntimeException e) {
                LOG.warn("Could not read the topic {}, trying again: {}", topic, e.toString());
                LockSupport.parkNanos(pollTimeout.toNanos());
            }
        }
    }

    private void settle() {
        List<CompletableFuture<Void>> waiting = new ArrayList<>();
        for (CompletableFuture<Void> next = asked.poll(); next != null; next = asked.poll()) {
            waiting.add(next);
        }
        if (!waiting.isEmpty()) {
            try {
                targets.add(new Target(consumer.endOffsets(partitions, requestTimeout), waiting));
            }
            catch (RuntimeException e) {
                waiting.forEach(caughtUp -> caughtUp.completeExceptionally(e));
                throw e;
            }
        }
        if (!targets.isEmpty()) {
            Map<TopicPartition, Long> positions = new HashMap<>();
            for (TopicPartition partition : partitions) {
                positions.put(partition, consumer.position(partition, requestTimeout));
            }
            targets.removeIf(target -> target.reachedBy(positions));
        }
    }

    /**
     * End offsets to reach, and the futures completed when the reader's positions reach
     * them.
     */
    private record Target(Map<TopicPartition, Long> endOffsets, List<CompletableFuture<Void>> waiting) {

        boolean reachedBy(Map<TopicPartition, Long> positions) {
            for (Map.Entry<TopicPartition, Long> end : endOffsets.entrySet()) {
                Long position = positions.get(end.getKey());
                if (position == null || position < end.getValue()) {
                    return false;
                }
            }
            waiting.forEach(caughtUp -> caughtUp.complete(null));
            return true;
        }

        void fail(Throwable failure) {
            waiting.forEach(caughtUp -> caughtUp.completeExceptionally(failure));
        }
    }

}
