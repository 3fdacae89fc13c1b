package io.kafkarestaurants.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Follows order_status from its end at start-up: for every order, the record timestamps
 * of its first RECEIVED, its first PAID and its first terminal status (CONFIRMED,
 * DECLINED, FAILED), plus how many records of each status arrived per second (the
 * per-stage throughput chart). The timestamps are the ones the app's producers set, so
 * throughput and latency come from the pipeline itself, not from this reader's lag.
 */
final class StatusWatcher implements AutoCloseable {

    static final List<String> STATUSES = List.of("RECEIVED", "PAID", "CONFIRMED", "DECLINED", "FAILED");

    private static final Set<String> TERMINAL = Set.of("CONFIRMED", "DECLINED", "FAILED");

    /**
     * What order_status said of one order, by record timestamp (epoch ms); 0 = not seen
     * yet.
     */
    static final class Track {

        volatile long received;

        volatile long paid;

        volatile long terminal;

        volatile String terminalStatus;

        /**
         * Distinct terminal statuses seen: more than one breaks the lifecycle invariant.
         */
        final Set<String> terminals = ConcurrentHashMap.newKeySet();

    }

    private final ObjectMapper json = new ObjectMapper();

    private final Map<String, Track> orders = new ConcurrentHashMap<>();

    private final ConcurrentSkipListMap<Long, AtomicLongArray> perSecond = new ConcurrentSkipListMap<>();

    private final AtomicBoolean running = new AtomicBoolean(true);

    private final KafkaConsumer<String, String> consumer;

    private final Thread thread;

    private volatile Consumer<String> onTerminal = orderId -> {
    };

    /**
     * @param client the broker and the harness's credentials on it
     * ({@link StackKafka#client})
     */
    StatusWatcher(Map<String, Object> client, String topic) {
        Properties props = new Properties();
        props.putAll(client);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "20");
        consumer = new KafkaConsumer<>(props);
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30))
            .stream()
            .map(p -> new TopicPartition(topic, p.partition()))
            .toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // resolve the end now: only what comes
                                                // after is ours
        thread = new Thread(this::poll, "bench-status-watcher");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Called once per order, on the reader's thread, when its first terminal status
     * arrives.
     */
    void onTerminal(Consumer<String> listener) {
        this.onTerminal = listener;
    }

    Track track(String orderId) {
        return orders.computeIfAbsent(orderId, id -> new Track());
    }

    /** Records per status per second (epoch second → counts in STATUSES order). */
    Map<Long, AtomicLongArray> perSecond() {
        return perSecond;
    }

    private void poll() {
        while (running.get()) {
            try {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                    accept(record.key(), record.value(), record.timestamp());
                }
            }
            catch (org.apache.kafka.common.errors.WakeupException stop) {
                return;
            }
        }
    }

    void accept(String orderId, String value, long timestamp) {
        if (orderId == null || value == null) {
            return;
        }
        String status;
        try {
            JsonNode node = json.readTree(value);
            status = node.path("status").asText();
        }
        catch (java.io.IOException unreadable) {
            return;
        }
        int index = STATUSES.indexOf(status);
        if (index < 0) {
            return;
        }
        perSecond.computeIfAbsent(timestamp / 1000, s -> new AtomicLongArray(STATUSES.size())).incrementAndGet(index);
        Track track = track(orderId);
        switch (status) {
            case "RECEIVED" -> {
                if (track.received == 0) {
                    track.received = timestamp;
                }
            }
            case "PAID" -> {
                if (track.paid == 0) {
                    track.paid = timestamp;
                }
            }
            default -> {
                track.terminals.add(status);
                if (track.terminal == 0 && TERMINAL.contains(status)) {
                    track.terminal = timestamp;
                    track.terminalStatus = status;
                    onTerminal.accept(orderId);
                }
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        consumer.wakeup();
        thread.join(5000);
        consumer.close(Duration.ofSeconds(2));
    }

}
