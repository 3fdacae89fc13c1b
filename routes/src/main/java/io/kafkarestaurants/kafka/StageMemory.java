package io.kafkarestaurants.kafka;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.LRUCacheFactory;
import org.apache.camel.support.service.ServiceSupport;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;

/**
 * A stage's memory of the keys it has done or given up on: a Camel
 * {@link IdempotentRepository} kept in a compacted Kafka topic, shared by every process
 * of the stage, and read back into a bounded in-heap cache (the newest
 * {@code maxCacheSize} keys) by a reader thread that follows the topic. The topic's
 * format is the one Camel's {@code KafkaIdempotentRepository} writes and reads (key: the
 * remembered key; value: {@code add}, {@code remove} or {@code clear}), so the topics
 * that repository wrote stay valid, and either can read the other's.
 *
 * <p>
 * Why not {@code KafkaIdempotentRepository} itself: when a partition moves to another
 * process of a stage (one stopped, crashed or started), its new owner consumes again the
 * records after the last committed offset. The previous owner has recorded the keys of
 * those it finished, but the new owner's memory reads the topic in the background and may
 * not have read them yet: it would charge or mail again. The new owner must wait until
 * its memory has read the topic up to where it ended when the partition was assigned.
 * {@code KafkaIdempotentRepository} cannot say how far it has read (its consumer is
 * private to its reader thread, and it reports no offsets); this memory answers
 * {@link #caughtUp()}: a future completed once its reader ({@link TopicFollower}) has
 * reached, in every partition, the end offsets the topic had when it was asked. The stage
 * consumer waits for it before it works on a newly assigned partition
 * ({@link OwnedPartitions}).
 *
 * <p>
 * Two more differences, both about the one job of the memory (a key recorded before the
 * offset is committed):
 * <ul>
 * <li>A key whose write failed stays remembered in this process (a retry of the record
 * here does not repeat the side effect) but is known not to be durable: the next
 * {@link #add} of it writes it again. {@code KafkaIdempotentRepository} keeps it in its
 * cache and never writes it, so the stage committed the offset of a record no other
 * process could know was done.</li>
 * <li>A tombstone (null value) forgets its key, where {@code KafkaIdempotentRepository}'s
 * reader fails on it and skips the rest of what it had polled.</li>
 * </ul>
 * Records are written with {@code acks=all} whatever the client settings say.
 */
public class StageMemory extends ServiceSupport implements IdempotentRepository {

    static final String ADD = "add";
    static final String REMOVE = "remove";
    static final String CLEAR = "clear";

    private static final Logger LOG = LoggerFactory.getLogger(StageMemory.class);

    /**
     * The cache's value for a key: durable (read from the topic, or acknowledged) or
     * written but not acknowledged.
     */
    private static final Boolean DURABLE = Boolean.TRUE;

    private static final Boolean NOT_DURABLE = Boolean.FALSE;

    private final String topic;

    private final Supplier<Consumer<String, String>> consumers;

    private final Supplier<Producer<String, String>> producers;

    private final Properties producerConfig;

    private final int maxCacheSize;

    private final Duration pollTimeout;

    private final Duration requestTimeout;

    private final Duration startTimeout;

    private Map<String, Boolean> cache;

    private volatile TopicFollower follower;

    private Producer<String, String> producer;

    StageMemory(String topic, Supplier<Consumer<String, String>> consumers,
            Supplier<Producer<String, String>> producers, Properties producerConfig, int maxCacheSize,
            Duration pollTimeout, Duration requestTimeout, Duration startTimeout) {
        if (maxCacheSize <= 0) {
            throw new IllegalArgumentException("maxCacheSize must be greater than 0, was: " + maxCacheSize);
        }
        this.topic = topic;
        this.consumers = consumers;
        this.producers = producers;
        this.producerConfig = producerConfig;
        this.maxCacheSize = maxCacheSize;
        this.pollTimeout = pollTimeout;
        this.requestTimeout = requestTimeout;
        this.startTimeout = startTimeout;
    }

    /**
     * A memory on {@code topic}: its own consumer and producer take the application's
     * Kafka client settings (spring.kafka.*: bootstrap servers, security protocol, SASL,
     * TLS), so they reach a secured cluster as the routes do. Its consumer joins no
     * group: it reads every partition with assign(), from the beginning.
     */
    public static StageMemory kafka(String topic, KafkaProperties kafka, int maxCacheSize) {
        Properties application = new Properties();
        application.putAll(kafka.buildConsumerProperties(null));
        Properties consumer = TopicFollower.consumerConfig(application);
        Properties producer = new Properties();
        producer.putAll(kafka.buildProducerProperties(null));
        producer.put(ProducerConfig.ACKS_CONFIG, "all");
        producer.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        producer.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return new StageMemory(topic, () -> new KafkaConsumer<>(consumer), () -> new KafkaProducer<>(producer),
                producer, maxCacheSize, Duration.ofMillis(100), Duration.ofSeconds(30), Duration.ofSeconds(60));
    }

    public String topic() {
        return topic;
    }

    /** The settings its producer is created with (a copy). */
    public Properties producerConfig() {
        Properties copy = new Properties();
        copy.putAll(producerConfig);
        return copy;
    }

    /**
     * Completes once this memory has read its topic up to (at least) the end offsets the
     * topic has now, so it knows every key acknowledged before this call; completes
     * exceptionally if those end offsets cannot be read (the next call asks again). Never
     * blocks.
     */
    public CompletableFuture<Void> caughtUp() {
        TopicFollower current = follower;
        if (current == null) {
            return CompletableFuture
                .failedFuture(new IllegalStateException("Stage memory " + topic + " is not running"));
        }
        return current.caughtUp();
    }

    @Override
    protected void doStart() throws Exception {
        cache = LRUCacheFactory.newLRUCache(maxCacheSize);
        producer = producers.get();
        TopicFollower reading = new TopicFollower(topic, consumers, this::apply, pollTimeout, requestTimeout);
        long started = System.nanoTime();
        try {
            reading.start(startTimeout);
        }
        catch (RuntimeException e) {
            closeProducer();
            throw new IllegalStateException("Stage memory " + topic + " could not read its topic to its end", e);
        }
        follower = reading;
        LOG.info("Stage memory {} read its topic to its end in {} ms: {} keys", topic,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), cache.size());
    }

    @Override
    protected void doStop() throws Exception {
        if (follower != null) {
            follower.stop();
            follower = null;
        }
        closeProducer();
    }

    private void closeProducer() {
        try {
            if (producer != null) {
                producer.close(Duration.ofSeconds(5));
            }
        }
        catch (RuntimeException e) {
            LOG.warn("Stage memory {}: closing its producer failed: {}", topic, e.toString());
        }
        producer = null;
    }

    private void apply(ConsumerRecord<String, String> record) {
        String key = record.key();
        String action = record.value();
        if (CLEAR.equals(action)) {
            cache.clear();
        }
        else if (key == null) {
            LOG.warn("Stage memory {}: record without a key at {}@{} ignored", topic, record.partition(),
                    record.offset());
        }
        else if (ADD.equals(action)) {
            cache.put(key, DURABLE);
        }
        else if (action == null || REMOVE.equals(action)) {
            cache.remove(key);
        }
        else {
            LOG.warn("Stage memory {}: unknown action {} at {}@{} ignored", topic, action, record.partition(),
                    record.offset());
        }
    }

    @Override
    public boolean add(String key) {
        Boolean known = cache.get(key);
        if (DURABLE.equals(known)) {
            return false;
        }
        // Remembered at once: a retry of this record in this process never repeats the
        // side effect, even if the
        // write below fails; not durable until the broker acknowledges it, so the next
        // add writes it again.
        cache.put(key, NOT_DURABLE);
        write(key, ADD);
        cache.put(key, DURABLE);
        return known == null;
    }

    @Override
    public boolean contains(String key) {
        return cache.containsKey(key);
    }

    @Override
    public boolean remove(String key) {
        cache.remove(key);
        write(key, REMOVE);
        return true;
    }

    @Override
    public boolean confirm(String key) {
        return true;
    }

    /**
     * As Camel's KafkaIdempotentRepository: a record without a key (which a compacted
     * topic refuses).
     */
    @Override
    public void clear() {
        write(null, CLEAR);
    }

    private void write(String key, String action) {
        try {
            producer.send(new ProducerRecord<>(topic, key, action)).get();
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RuntimeCamelException(e);
        }
        catch (ExecutionException e) {
            throw new RuntimeCamelException("Stage memory " + topic + " could not record " + key, e.getCause());
        }
    }

}
