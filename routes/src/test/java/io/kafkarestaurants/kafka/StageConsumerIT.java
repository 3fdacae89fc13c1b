package io.kafkarestaurants.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.condition.EmbeddedKafkaCondition;
import org.springframework.kafka.test.context.EmbeddedKafka;

/**
 * The stage-kafka consumer on a real (embedded KRaft) broker, all records in ONE
 * partition: a record that is slow or failing holds nobody behind it, the committed
 * offset never passes an unfinished record, and a failed record comes back with the next
 * attempt number after the retry delay.
 */
@EmbeddedKafka(kraft = true, count = 1, partitions = 1, topics = { "slow-topic", "flaky-topic" })
class StageConsumerIT {

    static EmbeddedKafkaBroker broker;

    CamelContext camel;

    SimpleMeterRegistry meters;

    @BeforeAll
    static void broker() {
        broker = EmbeddedKafkaCondition.getBroker();
    }

    @AfterEach
    void stopCamel() throws Exception {
        if (camel != null) {
            camel.stop();
        }
    }

    @Test
    void aSlowRecordHoldsNoRecordBehindItAndItsOffsetIsNotCommittedUntilItIsDone() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Set<String> done = ConcurrentHashMap.newKeySet();
        start("slow-topic", "slow-group", key -> {
            if (key.equals("slow")) {
                assertThat(release.await(60, TimeUnit.SECONDS)).isTrue();
            }
            done.add(key);
        });

        send("slow-topic", List.of("slow", "a1", "a2", "a3", "a4", "a5", "a6", "a7", "a8", "a9"));

        await().atMost(Duration.ofSeconds(30))
            .untilAsserted(() -> assertThat(done).containsExactlyInAnyOrder("a1", "a2", "a3", "a4", "a5", "a6", "a7",
                    "a8", "a9"));
        // Past a few commit intervals: the slow record (offset 0) is unfinished, so
        // nothing beyond it is committed.
        await().pollDelay(Duration.ofMillis(600))
            .atMost(Duration.ofSeconds(5))
            .untilAsserted(() -> assertThat(committed("slow-group", "slow-topic")).isLessThanOrEqualTo(0L));

        release.countDown();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(done).contains("slow"));
        await().atMost(Duration.ofSeconds(30))
            .untilAsserted(() -> assertThat(committed("slow-group", "slow-topic")).isEqualTo(10L));
    }

    @Test
    void aFailedRecordIsAttemptedAgainWithTheNextAttemptNumberWhileOthersFinish() throws Exception {
        List<Integer> flakyAttempts = new CopyOnWriteArrayList<>();
        Set<String> done = ConcurrentHashMap.newKeySet();
        start("flaky-topic", "flaky-group", (key, attempt) -> {
            if (key.equals("flaky")) {
                flakyAttempts.add(attempt);
                if (attempt < 3) {
                    throw new IllegalStateException("transient failure " + attempt);
                }
            }
            done.add(key);
        });

        send("flaky-topic", List.of("flaky", "b1", "b2", "b3"));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(done).contains("b1", "b2", "b3"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(done).contains("flaky"));
        assertThat(flakyAttempts).containsExactly(1, 2, 3);
        assertThat(meters.get("restaurants.stage.retries").tag("group", "flaky-group").counter().count())
            .as("failed attempts tried again")
            .isEqualTo(2.0);
        assertThat(meters.get("kafka.consumer.fetch.manager.records.lag.max").tag("group", "flaky-group").gauges())
            .as("the consumer's own client metrics, tagged with its group")
            .isNotEmpty();
        await().atMost(Duration.ofSeconds(30))
            .untilAsserted(() -> assertThat(committed("flaky-group", "flaky-topic")).isEqualTo(4L));
    }

    interface KeyWork {

        void run(String key) throws Exception;

    }

    interface AttemptWork {

        void run(String key, int attempt) throws Exception;

    }

    private void start(String topic, String group, KeyWork work) throws Exception {
        start(topic, group, (key, attempt) -> work.run(key));
    }

    private void start(String topic, String group, AttemptWork work) throws Exception {
        Properties consumer = new Properties();
        consumer.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString());
        camel = new DefaultCamelContext();
        meters = new SimpleMeterRegistry();
        camel.addComponent("stage-kafka",
                new StageConsumerComponent(consumer, failed -> Duration.ofMillis(100), meters));
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("stage-kafka:" + topic + "?groupId=" + group + "&maxConcurrency=8&commitIntervalMs=100")
                    .routeId("stage-" + topic)
                    .process(exchange -> work.run(exchange.getMessage().getHeader(KafkaConstants.KEY, String.class),
                            exchange.getMessage().getHeader(StageConsumer.ATTEMPT, Integer.class)));
            }
        });
        camel.start();
    }

    private static void send(String topic, List<String> keys) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            for (String key : keys) {
                producer.send(new ProducerRecord<>(topic, 0, key, "{\"orderId\":\"" + key + "\"}")).get();
            }
        }
    }

    /** The group's committed offset of partition 0, or -1 when it has committed none. */
    private static long committed(String group, String topic) throws Exception {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString());
        try (Admin admin = Admin.create(props)) {
            OffsetAndMetadata offset = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata()
                .get()
                .get(new TopicPartition(topic, 0));
            return offset == null ? -1 : offset.offset();
        }
    }

}
