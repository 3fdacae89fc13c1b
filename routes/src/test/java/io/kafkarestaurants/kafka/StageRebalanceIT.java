package io.kafkarestaurants.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.condition.EmbeddedKafkaCondition;
import org.springframework.kafka.test.context.EmbeddedKafka;

/**
 * Two processes of one stage (one consumer group, one memory topic, a real embedded KRaft
 * broker) while partitions move between them: the previous owner of a partition crashed
 * before committing, or a rebalance took a partition from a process working on one of its
 * records. Every record's side effect happens exactly once. Each process runs what the
 * kafka-stage-consumer template runs: the key looked up in the stage's memory, the side
 * effect only if it is not there, then the key recorded (acks=all) before the record is
 * finished.
 */
@EmbeddedKafka(kraft = true, count = 1, partitions = 4,
        topics = { "crash-orders", "crash-memory", "scale-orders", "scale-memory", "stop-orders", "stop-memory" })
class StageRebalanceIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    static EmbeddedKafkaBroker broker;

    /**
     * Side effects done, by key; side effects started, by key; records found done in the
     * memory, by key.
     */
    private final Map<String, Integer> effects = new ConcurrentHashMap<>();

    private final Map<String, Integer> started = new ConcurrentHashMap<>();

    private final Map<String, Integer> foundDone = new ConcurrentHashMap<>();

    private final Map<String, String> startedBy = new ConcurrentHashMap<>();

    private final List<Integer> attemptsReachingTheStage = new CopyOnWriteArrayList<>();

    /** The side effects of these keys wait until the test releases them. */
    private final Map<String, CountDownLatch> held = new ConcurrentHashMap<>();

    private final List<StageProcess> processes = new ArrayList<>();

    @BeforeAll
    static void broker() {
        broker = EmbeddedKafkaCondition.getBroker();
    }

    @AfterEach
    void stopProcesses() {
        held.values().forEach(CountDownLatch::countDown);
        processes.forEach(StageProcess::stop);
    }

    /**
     * Process a never commits (as if it crashed before each commit): its partitions,
     * taken over by b, are consumed again from the start. b's memory lags (its reader is
     * held) and has not read the keys a recorded: b must not work on those records until
     * it has, then find them done.
     */
    @Test
    void aPartitionTakenOverFromACrashedProcessWaitsForTheMemoryToReadWhatThatProcessDid() throws Exception {
        StageProcess a = start(new StageProcess("a", "crash", false));
        StageProcess b = start(new StageProcess("b", "crash", true));
        awaitMembersOwning("crash-group", 2, 4);

        // b's memory has read what it needs for its own partitions; from now on it reads
        // nothing more.
        b.memory.caughtUp().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        b.memoryReader.hold();
        List<String> keys = keys("order-", 24);
        send("crash-orders", keys);
        await().atMost(TIMEOUT).until(() -> effects.keySet().containsAll(keys));
        long doneByA = keys.stream().filter(key -> "a".equals(startedBy.get(key))).count();
        assertThat(doneByA).as("a worked on some records").isPositive();

        a.stop();
        awaitMembersOwning("crash-group", 1, 4);
        // b owns a's partitions now and consumes them from the start: its records wait
        // for its memory (with the
        // fix) or are worked on again at once (without it).
        await().atMost(TIMEOUT)
            .until(() -> b.gauge("stage.consumer.waiting.for.memory") > 0 || effectsDone() > keys.size());
        // Several catch-up timeouts (500 ms) long: the records are put back and tried
        // again, never worked on.
        await().during(Duration.ofSeconds(2))
            .atMost(Duration.ofSeconds(10))
            .untilAsserted(
                    () -> assertThat(effectsDone()).as("side effects done, b's memory lagging").isEqualTo(keys.size()));

        b.memoryReader.release();

        awaitCommittedToTheEnd("crash-group", "crash-orders");
        assertThat(effects).as("one side effect per record")
            .containsOnlyKeys(keys)
            .allSatisfy((key, count) -> assertThat(count).as(key).isEqualTo(1));
        assertThat(foundDone.keySet()).as("a's records, found done by b").hasSizeGreaterThanOrEqualTo((int) doneByA);
        assertThat(attemptsReachingTheStage).as("attempts put back while the memory lagged are not counted")
            .containsOnly(1);
    }

    /**
     * A process starts while another works on a record: the rebalance revokes every
     * partition of the first, which must let that record finish (its key recorded) before
     * it gives the partition up, or the partition's next owner (either process) works on
     * the record again.
     */
    @Test
    void aProcessStartedMidRecordDoesNotMakeTheRecordRunTwice() throws Exception {
        StageProcess first = start(new StageProcess("first", "scale", true));
        awaitMembersOwning("scale-group", 1, 4);
        List<String> keys = keys("order-", 12);
        send("scale-orders", keys);
        hold("slow");
        // Partition 3 goes to the second member under the default (range) assignor;
        // either way it must run once.
        send("scale-orders", 3, "slow");
        await().atMost(TIMEOUT).until(() -> effects.keySet().containsAll(keys) && started.containsKey("slow"));

        start(new StageProcess("second", "scale", true));
        await().atMost(TIMEOUT)
            .until(() -> first.gauge("stage.consumer.awaited.by.revocation") > 0 || started.get("slow") > 1);
        release("slow");

        awaitMembersOwning("scale-group", 2, 4);
        awaitCommittedToTheEnd("scale-group", "scale-orders");
        assertThat(started.get("slow")).as("slow started once").isEqualTo(1);
        assertThat(effects).containsKey("slow").allSatisfy((key, count) -> assertThat(count).as(key).isEqualTo(1));
    }

    /**
     * A process stopped (SIGTERM) while another lives, each working on a record. The
     * stopped one finishes its record and commits it before it leaves the group, so the
     * other does not consume it again. The same rebalance revokes the other's partitions
     * too: it must let its own record finish before it takes its partitions back (or
     * anyone else does), or that record runs twice.
     */
    @Test
    void aProcessStoppedWhileAnotherLivesMakesNoRecordOfEitherRunTwice() throws Exception {
        StageProcess one = start(new StageProcess("one", "stop", true));
        StageProcess two = start(new StageProcess("two", "stop", true));
        awaitMembersOwning("stop-group", 2, 4);
        List<String> keys = keys("order-", 12);
        send("stop-orders", keys);
        hold("slow-0");
        hold("slow-3");
        long slowOffset = send("stop-orders", 0, "slow-0");
        send("stop-orders", 3, "slow-3");
        await().atMost(TIMEOUT)
            .until(() -> effects.keySet().containsAll(keys) && started.containsKey("slow-0")
                    && started.containsKey("slow-3"));
        StageProcess stopping = startedBy.get("slow-0").equals("one") ? one : two;
        StageProcess living = stopping == one ? two : one;
        assertThat(startedBy.get("slow-3")).as("partitions 0 and 3 on two processes (range assignor)")
            .isEqualTo(living.name);

        CompletableFuture<Void> stopped = CompletableFuture.runAsync(stopping::stop);
        await().atMost(TIMEOUT).until(() -> stopping.camel.isStopping());
        release("slow-0");
        stopped.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        assertThat(committed("stop-group", "stop-orders").get(new TopicPartition("stop-orders", 0)))
            .as("slow-0's offset committed by the process that worked on it, before it left")
            .isGreaterThan(slowOffset);

        await().atMost(TIMEOUT)
            .until(() -> living.gauge("stage.consumer.awaited.by.revocation") > 0 || started.get("slow-3") > 1);
        release("slow-3");

        awaitMembersOwning("stop-group", 1, 4);
        awaitCommittedToTheEnd("stop-group", "stop-orders");
        assertThat(started).as("side effects started")
            .allSatisfy((key, count) -> assertThat(count).as(key).isEqualTo(1));
        assertThat(effects).containsKeys("slow-0", "slow-3")
            .allSatisfy((key, count) -> assertThat(count).as(key).isEqualTo(1));
        assertThat(foundDone).as("slow-0 was committed: nobody consumed it again").doesNotContainKey("slow-0");
    }

    private int effectsDone() {
        return effects.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** What the kafka-stage-consumer template does with a record, counted. */
    private void work(StageProcess process, String key, int attempt) throws InterruptedException {
        attemptsReachingTheStage.add(attempt);
        if (process.memory.contains(key)) {
            foundDone.merge(key, 1, Integer::sum);
            return;
        }
        started.merge(key, 1, Integer::sum);
        startedBy.put(key, process.name);
        CountDownLatch hold = held.get(key);
        if (hold != null) {
            assertThat(hold.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        }
        effects.merge(key, 1, Integer::sum);
        process.memory.add(key);
    }

    private void hold(String key) {
        held.put(key, new CountDownLatch(1));
    }

    private void release(String key) {
        held.get(key).countDown();
    }

    private StageProcess start(StageProcess process) throws Exception {
        processes.add(process);
        process.start();
        return process;
    }

    /**
     * One process of the stage: its memory (whose reader the test may hold) and its
     * stage-kafka consumer.
     */
    private final class StageProcess {

        final String name;

        final CamelContext camel = new DefaultCamelContext();

        final StageMemory memory;

        final SimpleMeterRegistry meters = new SimpleMeterRegistry();

        HoldableConsumer memoryReader;

        /**
         * {@code commits}: false, its consumer's commits go nowhere (as if it crashed
         * before each of them).
         */
        StageProcess(String name, String scenario, boolean commits) throws Exception {
            this.name = name;
            Properties producer = new Properties();
            producer.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString());
            producer.put(ProducerConfig.ACKS_CONFIG, "all");
            producer.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            producer.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            memory = new StageMemory(scenario + "-memory", () -> memoryReader = new HoldableConsumer(),
                    () -> new KafkaProducer<>(producer), producer, 10_000, Duration.ofMillis(100),
                    Duration.ofSeconds(10), Duration.ofSeconds(30));
            Properties consumer = new Properties();
            consumer.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString());
            Function<Properties, Consumer<String, String>> consumers = commits ? KafkaConsumer::new
                    : NeverCommittingConsumer::new;
            camel.addComponent("stage-kafka",
                    new StageConsumerComponent(consumer, failed -> Duration.ofMillis(100), meters, consumers));
            camel.getRegistry().bind("memory", memory);
            StageProcess process = this;
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("stage-kafka:" + scenario + "-orders?groupId=" + scenario + "-group&memory=#bean:memory"
                            + "&maxConcurrency=8&commitIntervalMs=100&catchUpTimeoutMs=500"
                            + "&revocationTimeoutMs=30000")
                        .routeId("stage-" + name)
                        .process(exchange -> work(process,
                                exchange.getMessage().getHeader(KafkaConstants.KEY, String.class),
                                exchange.getMessage().getHeader(StageConsumer.ATTEMPT, Integer.class)));
                }
            });
        }

        void start() {
            memory.start();
            camel.start();
        }

        void stop() {
            camel.stop();
            memory.stop();
        }

        double gauge(String gauge) {
            Gauge found = meters.find(gauge).gauge();
            return found == null ? 0 : found.value();
        }

    }

    /**
     * A stage memory's reader that can be held back, as a consumer that lags behind its
     * topic.
     */
    private static final class HoldableConsumer extends KafkaConsumer<String, String> {

        private final Object monitor = new Object();

        private volatile boolean held;

        HoldableConsumer() {
            super(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                    "false"), new StringDeserializer(), new StringDeserializer());
        }

        void hold() {
            held = true;
        }

        void release() {
            synchronized (monitor) {
                held = false;
                monitor.notifyAll();
            }
        }

        @Override
        public ConsumerRecords<String, String> poll(Duration timeout) {
            synchronized (monitor) {
                if (held) {
                    try {
                        monitor.wait(timeout.toMillis());
                    }
                    catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return ConsumerRecords.empty();
                }
            }
            return super.poll(timeout);
        }

    }

    /** A stage consumer whose offset commits go nowhere. */
    private static final class NeverCommittingConsumer extends KafkaConsumer<String, String> {

        NeverCommittingConsumer(Properties properties) {
            super(properties);
        }

        @Override
        public void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
            // As if the process died before the broker took the commit.
        }

        @Override
        public void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets, Duration timeout) {
            // Likewise.
        }

    }

    private static List<String> keys(String prefix, int count) {
        return IntStream.range(0, count).mapToObj(i -> prefix + i).toList();
    }

    private static void send(String topic, List<String> keys) throws Exception {
        try (KafkaProducer<String, String> producer = producer()) {
            for (String key : keys) {
                producer.send(new ProducerRecord<>(topic, key, "{\"orderId\":\"" + key + "\"}")).get();
            }
        }
    }

    /** The record's offset. */
    private static long send(String topic, int partition, String key) throws Exception {
        try (KafkaProducer<String, String> producer = producer()) {
            return producer.send(new ProducerRecord<>(topic, partition, key, "{\"orderId\":\"" + key + "\"}"))
                .get()
                .offset();
        }
    }

    private static KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()),
                new StringSerializer(), new StringSerializer());
    }

    /**
     * Until the group is stable with {@code members} members that own {@code partitions}
     * partitions in all.
     */
    private static void awaitMembersOwning(String group, int members, int partitions) {
        await().atMost(TIMEOUT).until(() -> {
            try (Admin admin = admin()) {
                ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group))
                    .all()
                    .get()
                    .get(group);
                return description.members().size() == members
                        && description.members()
                            .stream()
                            .mapToInt(member -> member.assignment().topicPartitions().size())
                            .sum() == partitions
                        && description.members()
                            .stream()
                            .map(MemberDescription::assignment)
                            .noneMatch(assignment -> assignment.topicPartitions().isEmpty());
            }
        });
    }

    private static void awaitCommittedToTheEnd(String group, String topic) {
        await().atMost(TIMEOUT).until(() -> {
            Map<TopicPartition, Long> committed = committed(group, topic);
            return endOffsets(topic).entrySet()
                .stream()
                .allMatch(end -> end.getValue().equals(committed.get(end.getKey())));
        });
    }

    private static Map<TopicPartition, Long> committed(String group, String topic) throws Exception {
        try (Admin admin = admin()) {
            Map<TopicPartition, Long> committed = new HashMap<>();
            admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().forEach((partition, offset) -> {
                if (partition.topic().equals(topic) && offset != null) {
                    committed.put(partition, offset.offset());
                }
            });
            return committed;
        }
    }

    private static Map<TopicPartition, Long> endOffsets(String topic) throws Exception {
        try (Admin admin = admin()) {
            Set<TopicPartition> partitions = IntStream.range(0, 4)
                .mapToObj(p -> new TopicPartition(topic, p))
                .collect(Collectors.toSet());
            Map<TopicPartition, Long> ends = new HashMap<>();
            admin.listOffsets(partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest())))
                .all()
                .get()
                .forEach((partition, info) -> {
                    if (info.offset() > 0) {
                        ends.put(partition, info.offset());
                    }
                });
            return ends;
        }
    }

    private static Admin admin() {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString());
        return Admin.create(props);
    }

}
