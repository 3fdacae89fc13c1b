package io.kafkarestaurants;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.kafkarestaurants.support.PipelineClient.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kafkarestaurants.kafka.StageMemory;
import io.kafkarestaurants.support.EventSchemas;
import io.kafkarestaurants.support.PipelineClient;
import io.kafkarestaurants.support.TestServers;
import io.kafkarestaurants.support.TopicReader;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole pipeline in one JVM (all three roles) against an embedded KRaft broker, the
 * repo's bank mappings in WireMock and a GreenMail SMTP server: what a customer and an
 * operator would see.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@EmbeddedKafka(kraft = true, count = 1, bootstrapServersProperty = "camel.component.kafka.brokers")
@ExtendWith(OutputCaptureExtension.class)
class PipelineIT {

    static final String APPROVES = "4242 4242 4242 4242";
    static final String FAILS_WITH_500 = "4000000000000119";
    static final String FAILS_TWICE = "4000000000000259";
    static final Duration PIPELINE = Duration.ofSeconds(30);

    static final ObjectMapper JSON = new ObjectMapper();
    static KafkaProducer<String, String> producer;
    static Admin admin;

    @LocalServerPort
    int port;

    @Value("${camel.component.kafka.brokers}")
    String brokers;

    PipelineClient client;

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        TestServers.register(registry);
    }

    @AfterAll
    static void closeKafkaClients() {
        if (producer != null) {
            producer.close();
            admin.close();
        }
    }

    @BeforeEach
    void setUp() {
        if (producer == null) {
            producer = new KafkaProducer<>(Map.of("bootstrap.servers", brokers), new StringSerializer(),
                    new StringSerializer());
            admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers));
        }
        client = new PipelineClient(port);
        TestServers.reset();
    }

    @Test
    void approvedOrderIsPaidConfirmedAndMailedWithoutTheCardNumber(CapturedOutput output) throws Exception {
        String email = mailbox();
        String orderId = client.place(order(email, APPROVES));

        await().atMost(PIPELINE).until(() -> "CONFIRMED".equals(client.status(orderId)));

        JsonNode view = client.get("/orders/" + orderId).json();
        assertThat(view.findValuesAsText("status")).containsSubsequence("RECEIVED", "PAID", "CONFIRMED");
        assertThat(view.at("/total/value").asText()).isEqualTo("25.50");
        assertThat(view.at("/card/last4").asText()).isEqualTo("4242");
        assertThat(view.at("/card/brand").asText()).isEqualTo("visa");
        assertThat(view.toString()).doesNotContain("4242424242424242");

        MimeMessage mail = onlyMailTo(email);
        assertThat(mail.getSubject()).contains("Amore Mio").contains("confirmed");
        assertThat(mail.getMessageID()).isEqualTo("<" + orderId + ".paid@kafka-restaurants.local>");
        String raw = raw(mail);
        assertThat(raw).contains("Margherita", "Tiramisu", "25.50", "EUR", "4242", "multipart/alternative",
                "text/plain", "text/html");
        assertThat(raw).doesNotContain("4242424242424242", "4242 4242 4242 4242");
        assertThat(mail.getHeader("kafka.KEY")).isNull();
        assertThat(mail.getHeader("Idempotency-Key")).isNull();

        assertThat(bankCalls(orderId)).isEqualTo(1);
        assertThat(output.getAll()).doesNotContain("4242424242424242", "4242 4242 4242 4242");
    }

    @Test
    void everyEventOnTheTopicsFollowsItsSchema() {
        String orderId = client.place(order(mailbox(), APPROVES));
        await().atMost(PIPELINE).until(() -> "CONFIRMED".equals(client.status(orderId)));
        for (String topic : List.of("order", "order_confirm", "order_status")) {
            try (TopicReader reader = new TopicReader(brokers, topic)) {
                await().atMost(PIPELINE).until(() -> !reader.recordsWithKey(orderId).isEmpty());
                reader.recordsWithKey(orderId).forEach(record -> EventSchemas.assertValid(record.value()));
            }
        }
    }

    /**
     * RECEIVED is acknowledged before the order is sent: no later status can be appended
     * before it.
     */
    @Test
    void theStatusesOfAnOrderAreOnOrderStatusInLifecycleOrderReceivedBeforeTheOrder() {
        String orderId = client.place(order(mailbox(), APPROVES));
        await().atMost(PIPELINE).until(() -> "CONFIRMED".equals(client.status(orderId)));

        try (TopicReader statuses = new TopicReader(brokers, "order_status");
                TopicReader orders = new TopicReader(brokers, "order")) {
            await().atMost(PIPELINE)
                .until(() -> statuses.recordsWithKey(orderId).size() >= 3 && !orders.recordsWithKey(orderId).isEmpty());
            List<ConsumerRecord<String, String>> snapshots = statuses.recordsWithKey(orderId);
            assertThat(snapshots).extracting(record -> readJson(record.value()).get("status").asText())
                .containsExactly("RECEIVED", "PAID", "CONFIRMED");
            assertThat(snapshots.get(0).timestamp()).as("RECEIVED was sent no later than the order")
                .isLessThanOrEqualTo(orders.recordsWithKey(orderId).get(0).timestamp());
        }
    }

    @Test
    void orderEventNeverCarriesTheCardNumberInClear() {
        String orderId = client.place(order(mailbox(), APPROVES));
        try (TopicReader orders = new TopicReader(brokers, "order")) {
            await().atMost(PIPELINE).until(() -> !orders.recordsWithKey(orderId).isEmpty());
            String event = orders.recordsWithKey(orderId).get(0).value();
            assertThat(event).doesNotContain("4242424242424242", "4242 4242 4242 4242", "12/39");
            assertThat(event).contains("\"eventType\":\"OrderPlaced\"", "\"keyId\":\"test\"", "\"last4\":\"4242\"");
        }
    }

    @ParameterizedTest
    @CsvSource({ "4000000000000002, card_declined", "4000000000009995, insufficient_funds" })
    void declinedCardEndsDeclinedWithTheBanksReasonAndADeclineMail(String card, String reason) throws Exception {
        String email = mailbox();
        String orderId = client.place(order(email, card));

        await().atMost(PIPELINE).until(() -> client.get("/orders/" + orderId).json().path("notified").asBoolean());

        JsonNode view = client.get("/orders/" + orderId).json();
        assertThat(view.get("status").asText()).isEqualTo("DECLINED");
        assertThat(view.get("reason").asText()).isEqualTo(reason);
        MimeMessage mail = onlyMailTo(email);
        assertThat(mail.getSubject()).contains("could not be paid");
        assertThat(mail.getMessageID()).isEqualTo("<" + orderId + ".declined@kafka-restaurants.local>");
        assertThat(raw(mail)).contains(card.substring(12)).doesNotContain(card);
        assertThat(bankCalls(orderId)).isEqualTo(1);
        try (TopicReader declined = new TopicReader(brokers, "order_declined")) {
            assertThat(declined.recordsWithKey(orderId)).hasSize(1);
        }
    }

    @Test
    void bankFailingWith500IsRetriedThenDeadLetteredAndTheOrderFails() {
        String email = mailbox();
        String orderId = client.place(order(email, FAILS_WITH_500));

        await().atMost(PIPELINE).until(() -> "FAILED".equals(client.status(orderId)));

        assertThat(client.get("/orders/" + orderId).json().get("reason").asText()).isEqualTo("bank_unavailable");
        assertThat(bankCalls(orderId)).isEqualTo(1 + 3);
        try (TopicReader deadLetters = new TopicReader(brokers, "order.DLT")) {
            await().atMost(PIPELINE).until(() -> !deadLetters.recordsWithKey(orderId).isEmpty());
            ConsumerRecord<String, String> dead = deadLetters.recordsWithKey(orderId).get(0);
            assertThat(dead.value()).contains("\"orderId\":\"" + orderId + "\"");
            assertThat(header(dead, "dlt-original-topic")).isEqualTo("order");
            assertThat(header(dead, "dlt-exception-class")).contains("HttpOperationFailedException");
        }
        assertThat(TestServers.smtp().getReceivedMessagesForDomain(email)).isEmpty();
    }

    @Test
    void bankFailingTwiceIsRetriedAndTheOrderChargedOnce() {
        String orderId = client.place(order(mailbox(), FAILS_TWICE));

        await().atMost(PIPELINE).until(() -> "CONFIRMED".equals(client.status(orderId)));

        assertThat(bankCalls(orderId)).isEqualTo(3);
        long approvals = TestServers.bank()
            .getAllServeEvents()
            .stream()
            .filter(event -> orderId.equals(event.getRequest().getHeader("Idempotency-Key")))
            .filter(event -> event.getResponse().getStatus() == 201)
            .count();
        assertThat(approvals).isEqualTo(1);
    }

    @Test
    void redeliveredRecordsChargeAndMailNoSecondTime() throws Exception {
        String email = mailbox();
        String orderId = client.place(order(email, APPROVES));
        await().atMost(PIPELINE).until(() -> "CONFIRMED".equals(client.status(orderId)));

        RecordMetadata orderAgain = republish("order", orderId);
        RecordMetadata paidAgain = republish("order_confirm", orderId);
        awaitConsumed("transaction-service", orderAgain);
        awaitConsumed("confirmation-service", paidAgain);

        assertThat(bankCalls(orderId)).isEqualTo(1);
        assertThat(TestServers.smtp().getReceivedMessagesForDomain(email)).hasSize(1);
        assertThat(client.status(orderId)).isEqualTo("CONFIRMED");
    }

    @Test
    void whatWasChargedAndMailedSurvivesARestart() throws Exception {
        String orderId = client.place(order(mailbox(), APPROVES));
        await().atMost(PIPELINE).until(() -> "CONFIRMED".equals(client.status(orderId)));

        // A stage started afresh (another replica, or this one after a restart) reads its
        // idempotency topic back.
        Map<String, String> remembered = Map.of("transactions.processed", orderId, "email.sent", orderId + ":paid");
        for (var topicAndKey : remembered.entrySet()) {
            try (TopicReader reader = new TopicReader(brokers, topicAndKey.getKey())) {
                await().atMost(PIPELINE).until(() -> !reader.recordsWithKey(topicAndKey.getValue()).isEmpty());
                assertThat(reader.recordsWithKey(topicAndKey.getValue())).extracting(ConsumerRecord::value)
                    .containsOnly("add");
            }
        }
    }

    /**
     * A stage's record of a charge or a mail is acknowledged by every in-sync replica,
     * not by the leader alone.
     */
    @Test
    void theStagesIdempotencyRecordsAreWrittenWithAcksAll(@Autowired Map<String, StageMemory> memories) {
        assertThat(memories).containsKeys("chargedOrders", "sentMails");
        memories.values()
            .forEach(memory -> assertThat(memory.producerConfig().getProperty(ProducerConfig.ACKS_CONFIG))
                .isEqualTo("all"));
    }

    /**
     * order_status is created with its compaction settings, and an existing topic without
     * them gets them back.
     */
    @Test
    void orderStatusKeepsItsCompactionSettingsAlsoWhenItExistedWithoutThem(@Autowired KafkaAdmin kafkaAdmin)
            throws Exception {
        ConfigResource orderStatus = new ConfigResource(ConfigResource.Type.TOPIC, "order_status");
        Map<String, String> declared = Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, "compact",
                TopicConfig.SEGMENT_MS_CONFIG, "86400000", TopicConfig.DELETE_RETENTION_MS_CONFIG, "86400000",
                TopicConfig.MIN_CLEANABLE_DIRTY_RATIO_CONFIG, "0.1", TopicConfig.MAX_COMPACTION_LAG_MS_CONFIG,
                "604800000");
        assertThat(topicSettings(orderStatus)).isEqualTo(declared);

        admin
            .incrementalAlterConfigs(
                    Map.of(orderStatus,
                            List.of(new AlterConfigOp(new ConfigEntry(TopicConfig.SEGMENT_MS_CONFIG, ""),
                                    AlterConfigOp.OpType.DELETE))))
            .all()
            .get();
        await().atMost(PIPELINE).until(() -> !topicSettings(orderStatus).containsKey(TopicConfig.SEGMENT_MS_CONFIG));
        kafkaAdmin.initialize();

        await().atMost(PIPELINE).untilAsserted(() -> assertThat(topicSettings(orderStatus)).isEqualTo(declared));
    }

    @Test
    void poisonRecordsAreDeadLetteredAndTheNextOrderStillCompletes() throws Exception {
        String poisonKey = "poison-" + UUID.randomUUID();
        producer.send(new ProducerRecord<>("order", poisonKey, "this is not JSON")).get();
        producer.send(new ProducerRecord<>("order_confirm", poisonKey, "{\"eventType\":\"OrderPaid\"}")).get();

        try (TopicReader orderDlt = new TopicReader(brokers, "order.DLT");
                TopicReader confirmDlt = new TopicReader(brokers, "order_confirm.DLT")) {
            await().atMost(PIPELINE)
                .until(() -> !orderDlt.recordsWithKey(poisonKey).isEmpty()
                        && !confirmDlt.recordsWithKey(poisonKey).isEmpty());
            assertThat(orderDlt.recordsWithKey(poisonKey).get(0).value()).isEqualTo("this is not JSON");
            assertThat(header(confirmDlt.recordsWithKey(poisonKey).get(0), "dlt-original-topic"))
                .isEqualTo("order_confirm");
        }
        String orderId = client.place(order(mailbox(), APPROVES));
        await().atMost(PIPELINE).until(() -> "CONFIRMED".equals(client.status(orderId)));
    }

    @Test
    void sameIdempotencyKeyAndOrderGiveTheSameOrderOnce() {
        String key = UUID.randomUUID().toString();
        String email = mailbox();
        Map<String, Object> body = order(email, APPROVES);
        Map<String, Object> reTyped = new java.util.TreeMap<>(order(email, "4242-4242-4242-4242"));
        long before = orderTopicSize();

        var first = client.post("/orders", body, Map.of("Idempotency-Key", key));
        var second = client.post("/orders", reTyped, Map.of("Idempotency-Key", key));
        var other = client.post("/orders", order(mailbox(), APPROVES), Map.of("Idempotency-Key", key));

        assertThat(first.status()).isEqualTo(202);
        assertThat(second.status()).isEqualTo(202);
        assertThat(second.json().get("orderId")).isEqualTo(first.json().get("orderId"));
        assertThat(other.status()).isEqualTo(409);
        assertThat(other.header("Content-Type")).startsWith("application/problem+json");
        assertThat(orderTopicSize()).isEqualTo(before + 1);
    }

    @Test
    void liveStatusStreamSendsEachChangeAndEndsWhenTheOrderIsDone() throws Exception {
        String orderId = client.place(order(mailbox(), APPROVES));

        var request = java.net.http.HttpRequest
            .newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/orders/" + orderId + "/events"))
            .timeout(PIPELINE)
            .GET()
            .build();
        var response = java.net.http.HttpClient.newHttpClient()
            .send(request, java.net.http.HttpResponse.BodyHandlers.ofLines());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
            .hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));
        List<String> lines = response.body().toList();
        assertThat(lines).filteredOn(line -> line.startsWith("event:")).allMatch(line -> line.equals("event:status"));
        List<String> statuses = lines.stream()
            .filter(line -> line.startsWith("data:"))
            .map(line -> readJson(line.substring(5)).get("status").asText())
            .toList();
        assertThat(statuses).last().isEqualTo("CONFIRMED");
        assertThat(statuses).doesNotHaveDuplicates().isSubsetOf("RECEIVED", "PAID", "CONFIRMED");
    }

    @Test
    void liveStatusStreamOfAnUnknownOrderIsA404Problem() {
        var answer = client.get("/orders/" + UUID.randomUUID() + "/events");
        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    void unknownOrderIsA404Problem() {
        var answer = client.get("/orders/" + UUID.randomUUID());
        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
    }

    private RecordMetadata republish(String topic, String orderId) throws Exception {
        try (TopicReader reader = new TopicReader(brokers, topic)) {
            await().atMost(PIPELINE).until(() -> !reader.recordsWithKey(orderId).isEmpty());
            ConsumerRecord<String, String> original = reader.recordsWithKey(orderId).get(0);
            return producer.send(new ProducerRecord<>(topic, original.key(), original.value())).get();
        }
    }

    /**
     * Waits until {@code group} committed past {@code record}: the stage has finished
     * with it.
     */
    private void awaitConsumed(String group, RecordMetadata record) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        await().atMost(PIPELINE).until(() -> {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata()
                .get();
            OffsetAndMetadata offset = committed.get(partition);
            return offset != null && offset.offset() > record.offset();
        });
    }

    /** The settings a topic has of its own (not the broker's defaults). */
    private static Map<String, String> topicSettings(ConfigResource topic) throws Exception {
        return admin.describeConfigs(List.of(topic))
            .all()
            .get()
            .get(topic)
            .entries()
            .stream()
            .filter(entry -> entry.source() == ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG)
            .collect(java.util.stream.Collectors.toMap(ConfigEntry::name, ConfigEntry::value));
    }

    static long orderTopicSize() {
        try {
            var partitions = admin.describeTopics(List.of("order")).allTopicNames().get().get("order").partitions();
            var request = partitions.stream()
                .collect(java.util.stream.Collectors.toMap(p -> new TopicPartition("order", p.partition()),
                        p -> org.apache.kafka.clients.admin.OffsetSpec.latest()));
            return admin.listOffsets(request)
                .all()
                .get()
                .values()
                .stream()
                .mapToLong(org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo::offset)
                .sum();
        }
        catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static int bankCalls(String orderId) {
        return TestServers.bank()
            .countRequestsMatching(
                    postRequestedFor(urlEqualTo("/v1/payments")).withHeader("Idempotency-Key", equalTo(orderId))
                        .build())
            .getCount();
    }

    private static JsonNode readJson(String text) {
        try {
            return JSON.readTree(text);
        }
        catch (Exception e) {
            throw new AssertionError("Not JSON: " + text, e);
        }
    }

    private static String mailbox() {
        return "customer-" + UUID.randomUUID() + "@example.com";
    }

    private static MimeMessage onlyMailTo(String email) {
        await().atMost(PIPELINE).until(() -> TestServers.smtp().getReceivedMessagesForDomain(email).length > 0);
        MimeMessage[] mails = TestServers.smtp().getReceivedMessagesForDomain(email);
        assertThat(mails).hasSize(1);
        return mails[0];
    }

    private static String raw(MimeMessage mail) throws Exception {
        var out = new java.io.ByteArrayOutputStream();
        mail.writeTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

}
