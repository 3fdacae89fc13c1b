package io.kafkarestaurants.tracing;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.kafkarestaurants.support.PipelineClient.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.kafkarestaurants.support.PipelineClient;
import io.kafkarestaurants.support.TestServers;
import io.kafkarestaurants.support.TopicReader;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One order, one trace: all three roles in one JVM against an embedded KRaft broker, the
 * bank in WireMock and GreenMail, every span the routes end kept in memory. The trace
 * context crosses HTTP and Kafka (the stage consumer carries it from the record's headers
 * into the stage's route), so the POST, the publish to order, the charge, the publish to
 * order_confirm, the mail and the SMTP send share the trace id that marks the order's
 * history and logs.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@EmbeddedKafka(kraft = true, count = 1, bootstrapServersProperty = "camel.component.kafka.brokers")
@ExtendWith(OutputCaptureExtension.class)
class OrderTraceIT {

    static final String APPROVES = "4242 4242 4242 4242";
    static final String FAILS_WITH_500 = "4000000000000119";
    static final String EXPIRY = "12/39";
    static final Duration PIPELINE = Duration.ofSeconds(30);
    static final AttributeKey<String> KAFKA_KEY = AttributeKey.stringKey("kafka.key");
    static final AttributeKey<String> HTTP_URL = AttributeKey.stringKey("http.url");
    static final AttributeKey<String> HTTP_METHOD = AttributeKey.stringKey("http.method");

    @TestConfiguration
    static class Spans {

        @Bean
        InMemorySpanExporter spanExporter() {
            return InMemorySpanExporter.create();
        }

        @Bean
        SpanProcessor keepSpans(InMemorySpanExporter exporter) {
            return SimpleSpanProcessor.create(exporter);
        }

    }

    @LocalServerPort
    int port;

    @Value("${camel.component.kafka.brokers}")
    String brokers;

    @Autowired
    InMemorySpanExporter spans;

    PipelineClient client;

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        TestServers.register(registry);
    }

    @BeforeEach
    void setUp() {
        client = new PipelineClient(port);
        TestServers.reset();
        spans.reset();
    }

    @Test
    void theRequestTheChargeAndTheMailOfAnOrderShareOneTrace() throws Exception {
        String email = "customer-" + UUID.randomUUID() + "@example.com";
        String orderId = client.place(order(email, APPROVES));
        await().atMost(PIPELINE).until(() -> "CONFIRMED".equals(client.status(orderId)));

        SpanData post = awaitSpan(SpanKind.SERVER, "/orders",
                span -> "POST".equals(span.getAttributes().get(HTTP_METHOD)));
        String traceId = post.getTraceId();
        List<SpanData> hops = List.of(post, awaitSpan(SpanKind.PRODUCER, "order", key(orderId)),
                awaitSpan(SpanKind.CONSUMER, "order", key(orderId)),
                awaitSpan(SpanKind.CLIENT, "POST", span -> url(span).contains("/v1/payments")),
                awaitSpan(SpanKind.PRODUCER, "order_confirm", key(orderId)),
                awaitSpan(SpanKind.CONSUMER, "order_confirm", key(orderId)),
                awaitSpan(SpanKind.CLIENT, "smtp", span -> true));
        assertThat(hops).extracting(SpanData::getTraceId).containsOnly(traceId);
        assertThat(traceId).matches("[0-9a-f]{32}");

        List<LoggedRequest> charges = TestServers.bank()
            .findAll(postRequestedFor(urlEqualTo("/v1/payments")).withHeader("Idempotency-Key", equalTo(orderId)));
        assertThat(charges).singleElement()
            .extracting(charge -> charge.getHeader("traceparent"))
            .asString()
            .startsWith("00-" + traceId + "-");

        JsonNode view = client.get("/orders/" + orderId).json();
        assertThat(view.path("history").findValuesAsText("status")).containsExactly("RECEIVED", "PAID", "CONFIRMED");
        assertThat(view.path("history").findValuesAsText("traceId")).containsExactly(traceId, traceId, traceId);

        MimeMessage mail = TestServers.smtp().getReceivedMessagesForDomain(email)[0];
        assertThat(mail.getHeader("traceparent")).as("no trace header reaches the customer's mail").isNull();
        assertNoCardDataInAnySpan();
    }

    @Test
    void anOrderGivenUpOnKeepsItsTraceInItsLogsItsDeadLetterAndItsFailedStatus(CapturedOutput output) {
        String orderId = client.place(order("customer-" + UUID.randomUUID() + "@example.com", FAILS_WITH_500));
        await().atMost(PIPELINE).until(() -> "FAILED".equals(client.status(orderId)));

        String traceId = awaitSpan(SpanKind.PRODUCER, "order", key(orderId)).getTraceId();
        JsonNode history = client.get("/orders/" + orderId).json().path("history");
        assertThat(history.findValuesAsText("status")).containsExactly("RECEIVED", "FAILED");
        assertThat(history.findValuesAsText("traceId")).containsExactly(traceId, traceId);
        try (TopicReader deadLetters = new TopicReader(brokers, "order.DLT")) {
            await().atMost(PIPELINE).until(() -> !deadLetters.recordsWithKey(orderId).isEmpty());
            ConsumerRecord<String, String> dead = deadLetters.recordsWithKey(orderId).get(0);
            assertThat(new String(dead.headers().lastHeader("traceparent").value(), StandardCharsets.UTF_8))
                .startsWith("00-" + traceId + "-");
        }

        // The stage consumer's retries (its worker threads) and the dead-letter route
        // (after an asynchronous send).
        await().atMost(PIPELINE).until(() -> output.getAll().contains("dead-lettered to order.DLT"));
        List<String> lines = output.getAll().lines().filter(line -> line.contains(orderId)).toList();
        assertThat(lines).anyMatch(line -> line.contains("Attempt 1 at order/"))
            .anyMatch(line -> line.contains("dead-lettered to order.DLT"))
            .allMatch(line -> line.contains("[" + traceId + "] "));
        assertNoCardDataInAnySpan();
    }

    private SpanData awaitSpan(SpanKind kind, String name, Predicate<SpanData> which) {
        try {
            return await().atMost(PIPELINE)
                .until(() -> spans.getFinishedSpanItems()
                    .stream()
                    .filter(span -> span.getKind() == kind && span.getName().equals(name) && which.test(span))
                    .findFirst()
                    .orElse(null), span -> span != null);
        }
        catch (ConditionTimeoutException e) {
            throw new AssertionError("No " + kind + " span " + name + " among "
                    + spans.getFinishedSpanItems()
                        .stream()
                        .map(span -> span.getKind() + " " + span.getName() + " " + span.getAttributes())
                        .toList(),
                    e);
        }
    }

    /**
     * No span's name, attributes or events (exception messages, logs) hold the card
     * number or its expiry.
     */
    private void assertNoCardDataInAnySpan() {
        List<String> texts = spans.getFinishedSpanItems()
            .stream()
            .map(span -> span.getName() + " " + span.getAttributes() + " " + span.getEvents())
            .toList();
        assertThat(texts).isNotEmpty()
            .noneMatch(text -> text.contains("4242424242424242") || text.contains("4242 4242 4242 4242")
                    || text.contains("4000000000000119") || text.contains(EXPIRY));
    }

    private static Predicate<SpanData> key(String orderId) {
        return span -> orderId.equals(span.getAttributes().get(KAFKA_KEY));
    }

    private static String url(SpanData span) {
        String url = span.getAttributes().get(HTTP_URL);
        return url == null ? "" : url;
    }

}
