package io.kafkarestaurants.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kafkarestaurants.Application;
import io.kafkarestaurants.Orders;
import io.kafkarestaurants.events.OrderPlaced;
import io.kafkarestaurants.support.ClosedPorts;
import io.kafkarestaurants.support.TestServers;
import io.kafkarestaurants.support.InMemoryIdempotency;
import io.kafkarestaurants.support.StageRecords;
import io.kafkarestaurants.support.TestMemory;
import io.kafkarestaurants.support.StageRoutes;
import jakarta.mail.Address;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.Multipart;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.util.StreamProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.camel.CamelContext;
import org.apache.camel.EndpointInject;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.mail.MailEndpoint;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.apache.camel.test.spring.junit5.UseAdviceWith;
import org.eclipse.angus.mail.util.MailStreamProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The email stage against a GreenMail SMTP server: the Kafka consumer is replaced by
 * {@code direct:outcome-in}, every {@code kafka:} producer is mocked and skipped, and the
 * sent-mails repository lives in memory. Records arrive with Kafka's headers and hostile
 * ones, none of which may reach the mail. Every SMTP connection the pooled sender opens
 * is a {@link CountingSmtpTransport}.
 */
@CamelSpringBootTest
@UseAdviceWith
@SpringBootTest(classes = { Application.class, InMemoryIdempotency.class },
        properties = { "restaurants.roles=email", "spring.kafka.admin.auto-create=false",
                InMemoryIdempotency.OVERRIDING })
@ActiveProfiles("test")
@DirtiesContext
class EmailRouteIT {

    static final Duration SMTP = Duration.ofSeconds(10);
    static final String ATTACKER = "attacker@example.com";

    @Autowired
    TestMemory sentMails;

    @Autowired
    CamelContext context;

    @Autowired
    ProducerTemplate template;

    @Autowired
    ObjectMapper mapper;

    @Autowired
    PooledMailSender mailSender;

    @Value("${restaurants.mail.pool-size}")
    int poolSize;

    @EndpointInject("mock:kafka:order_status")
    MockEndpoint statusTopic;

    @EndpointInject(StageRoutes.DEAD_LETTER_MOCK)
    MockEndpoint deadLetterTopic;

    /** Counted since the context started: tests compare before and after. */
    CountingSmtpTransport.Connections connections;

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        ClosedPorts.noKafka(registry);
        TestServers.register(registry);
    }

    @BeforeEach
    void adviseAndStart() throws Exception {
        StageRoutes.adviseAndStart(context, "email-consume", "direct:outcome-in", "sentMails");
        connections = CountingSmtpTransport.install(mailSender.getSession());
    }

    @Test
    void paidOrderIsMailedOnceWithoutAnyRecordHeaderAndConfirmed() throws Exception {
        String email = mailbox();
        OrderPlaced placed = Orders.placed(Orders.anOrder().email(email).build());
        String record = mapper.writeValueAsString(Orders.paid(placed));
        statusTopic.expectedMessageCount(1);

        Exchange done = consume(record, "order_confirm", placed.orderId());

        assertThat(done.getException()).isNull();
        MimeMessage mail = onlyMailTo(email);
        assertThat(mail.getMessageID()).isEqualTo("<" + placed.orderId() + ".paid@kafka-restaurants.local>");
        assertThat(mail.getSubject()).contains("Trattoria Test").contains("confirmed");
        assertThat(addresses(mail.getRecipients(RecipientType.TO))).containsExactly(email);
        assertThat(mail.getRecipients(RecipientType.CC)).isNull();
        assertThat(mail.getRecipients(RecipientType.BCC)).isNull();
        assertThat(addresses(mail.getFrom())).containsExactly("orders@kafka-restaurants.local");
        assertThat(mail.getContentType()).startsWith("multipart/alternative");
        assertThat(partTypes(mail)).anyMatch(type -> type.startsWith("text/plain"))
            .anyMatch(type -> type.startsWith("text/html"));
        for (String header : List.of("kafka.KEY", "kafka.TOPIC", "kafka.PARTITION", "kafka.OFFSET", "X-Injected", "Bcc",
                StageRecords.ATTEMPT, "CamelMailAlternativeBody")) {
            assertThat(mail.getHeader(header)).as("mail header %s", header).isNull();
        }
        assertThat(TestServers.smtp().getReceivedMessagesForDomain(ATTACKER)).isEmpty();
        assertThat(TestServers.smtp().getReceivedMessages()).as("one delivery in all: no Bcc copy").hasSize(1);

        MockEndpoint.assertIsSatisfied(statusTopic);
        JsonNode status = status(0);
        assertThat(status.get("orderId").asText()).isEqualTo(placed.orderId());
        assertThat(status.get("status").asText()).isEqualTo("CONFIRMED");
        assertThat(status.get("history").findValuesAsText("status")).containsExactly("RECEIVED", "PAID", "CONFIRMED");
        assertThat(status.hasNonNull("notifiedAt")).isTrue();
        assertThat(deadLetterTopic.getReceivedCounter()).isZero();
    }

    /**
     * A record consumed again (a crash or rebalance before its offset was committed; the
     * transactions stage charging again, which publishes PAID again before the OrderPaid)
     * sends no second mail, and publishes CONFIRMED again, so that the last snapshot of
     * the order on order_status, the one compaction keeps, is its terminal state.
     */
    @Test
    void sameRecordTwiceSendsOneMailAndPublishesTheConfirmedStatusAgain() throws Exception {
        String email = mailbox();
        OrderPlaced placed = Orders.placed(Orders.anOrder().email(email).build());
        String record = mapper.writeValueAsString(Orders.paid(placed));

        Exchange first = consume(record, "order_confirm", placed.orderId());
        Exchange second = consume(record, "order_confirm", placed.orderId());

        assertThat(first.getException()).isNull();
        assertThat(second.getException()).as("the duplicate is finished, not retried").isNull();
        onlyMailTo(email);
        assertThat(TestServers.smtp().getReceivedMessagesForDomain(email)).hasSize(1);
        assertThat(statusTopic.getReceivedCounter()).isEqualTo(2);
        JsonNode again = status(1);
        assertThat(again.get("status").asText()).isEqualTo("CONFIRMED");
        assertThat(again.get("history").findValuesAsText("status")).containsExactly("RECEIVED", "PAID", "CONFIRMED");
    }

    /**
     * A mail sent whose status cannot be published (Kafka down) is not sent again when
     * the record is tried again: its key was recorded right after SMTP accepted it, so
     * the retry only publishes the status.
     */
    @Test
    void aMailWhoseStatusCannotBePublishedIsNotSentAgainByTheRetry() throws Exception {
        String email = mailbox();
        OrderPlaced placed = Orders.placed(Orders.anOrder().email(email).build());
        String record = mapper.writeValueAsString(Orders.paid(placed));
        java.util.concurrent.atomic.AtomicBoolean kafkaDown = new java.util.concurrent.atomic.AtomicBoolean(true);
        statusTopic.whenAnyExchangeReceived(exchange -> {
            if (kafkaDown.getAndSet(false)) {
                throw new org.apache.kafka.common.errors.TimeoutException("broker unavailable");
            }
        });

        Exchange first = consume(record, "order_confirm", placed.orderId());
        Exchange retry = consume(record, "order_confirm", placed.orderId(), 2);

        assertThat(first.isFailed()).as("the status was not published: the record is tried again").isTrue();
        assertThat(retry.getException()).isNull();
        onlyMailTo(email);
        assertThat(statusTopic.getReceivedCounter()).isEqualTo(2);
        assertThat(status(1).get("status").asText()).isEqualTo("CONFIRMED");
    }

    /**
     * The mail's key is recorded as a step of the record's work: if it cannot be, the
     * record is not finished. The next attempt sends no second mail and records the key,
     * before the offset is committed, so that another process of the stage knows the mail
     * was sent.
     */
    @Test
    void aMailWhoseKeyCannotBeRecordedLeavesItsRecordUnfinishedAndTheNextAttemptRecordsIt() throws Exception {
        String email = mailbox();
        OrderPlaced placed = Orders.placed(Orders.anOrder().email(email).build());
        String record = mapper.writeValueAsString(Orders.paid(placed));
        sentMails.failNextAdd(new org.apache.kafka.common.errors.TimeoutException("not acknowledged"));

        Exchange done = consume(record, "order_confirm", placed.orderId());

        assertThat(done.isFailed()).as("the offset must not be committed: the consumer tries the record again")
            .isTrue();
        onlyMailTo(email);

        Exchange again = consume(record, "order_confirm", placed.orderId(), 2);

        assertThat(again.getException()).isNull();
        onlyMailTo(email);
        assertThat(sentMails.isDurable(placed.orderId() + ":paid")).as("recorded for every process").isTrue();
    }

    @Test
    void declinedOrderGetsTheDeclineMailAndItsNotifiedStatus() throws Exception {
        String email = mailbox();
        OrderPlaced placed = Orders.placed(Orders.anOrder().email(email).build());
        String record = mapper.writeValueAsString(Orders.declined(placed, "insufficient_funds"));
        statusTopic.expectedMessageCount(1);

        Exchange done = consume(record, "order_declined", placed.orderId());

        assertThat(done.getException()).isNull();
        MimeMessage mail = onlyMailTo(email);
        assertThat(mail.getMessageID()).isEqualTo("<" + placed.orderId() + ".declined@kafka-restaurants.local>");
        assertThat(mail.getSubject()).contains("Trattoria Test").contains("could not be paid");
        assertThat(raw(mail)).contains("insufficient funds");
        MockEndpoint.assertIsSatisfied(statusTopic);
        JsonNode status = status(0);
        assertThat(status.get("status").asText()).isEqualTo("DECLINED");
        assertThat(status.get("reason").asText()).isEqualTo("insufficient_funds");
        assertThat(status.hasNonNull("notifiedAt")).as("the decline was mailed").isTrue();
    }

    @Test
    void paidAndDeclinedMailsOfOneOrderAreToldApart() throws Exception {
        String email = mailbox();
        OrderPlaced placed = Orders.placed(Orders.anOrder().email(email).build());

        consume(mapper.writeValueAsString(Orders.paid(placed)), "order_confirm", placed.orderId());
        consume(mapper.writeValueAsString(Orders.declined(placed, "card_declined")), "order_declined",
                placed.orderId());

        await().atMost(SMTP).until(() -> TestServers.smtp().getReceivedMessagesForDomain(email).length == 2);
        List<String> ids = new ArrayList<>();
        for (MimeMessage mail : TestServers.smtp().getReceivedMessagesForDomain(email)) {
            ids.add(mail.getMessageID());
        }
        assertThat(ids).containsExactlyInAnyOrder("<" + placed.orderId() + ".paid@kafka-restaurants.local>",
                "<" + placed.orderId() + ".declined@kafka-restaurants.local>");
    }

    @Test
    void unreadableOutcomeIsDeadLetteredWithoutMail() throws Exception {
        deadLetterTopic.expectedMessageCount(1);
        String poison = "{\"eventType\":\"OrderPaid\"}";

        Exchange done = consume(poison, "order_confirm", "poison-" + UUID.randomUUID());

        assertThat(done.getException()).as("dead-lettered at the first attempt, not retried").isNull();
        MockEndpoint.assertIsSatisfied(deadLetterTopic);
        Message dead = deadLetterTopic.getReceivedExchanges().get(0).getMessage();
        assertThat(dead.getBody(String.class)).isEqualTo(poison);
        assertThat(dead.getHeader(KafkaConstants.OVERRIDE_TOPIC)).isEqualTo("order_confirm.DLT");
        assertThat(dead.getHeader("dlt-original-topic")).isEqualTo("order_confirm");
        assertThat(TestServers.smtp().getReceivedMessages()).isEmpty();
        assertThat(statusTopic.getReceivedCounter()).isZero();
    }

    @Test
    void ordersFromManyConsumersAtOnceAreMailedOverFewPooledConnections() throws Exception {
        int threads = 8;
        int ordersEach = 5;
        int openedBefore = connections.opened.get();
        int sentBefore = connections.sentOver.size();
        statusTopic.expectedMessageCount(threads * ordersEach);
        ExecutorService consumers = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Exchange>> done = new ArrayList<>();
        try {
            for (int i = 0; i < threads * ordersEach; i++) {
                OrderPlaced placed = Orders.placed(Orders.anOrder().email(mailbox()).build());
                String record = mapper.writeValueAsString(Orders.paid(placed));
                done.add(consumers.submit(() -> {
                    go.await();
                    return consume(record, "order_confirm", placed.orderId());
                }));
            }
            go.countDown();
            for (Future<Exchange> exchange : done) {
                assertThat(exchange.get(SMTP.toSeconds(), TimeUnit.SECONDS).getException()).isNull();
            }
        }
        finally {
            consumers.shutdownNow();
        }

        assertThat(TestServers.smtp().getReceivedMessages()).hasSize(threads * ordersEach);
        assertThat(connections.sentOver.size() - sentBefore).as("mails sent over pooled connections")
            .isEqualTo(threads * ordersEach);
        assertThat(connections.opened.get() - openedBefore).as("SMTP connections opened").isLessThanOrEqualTo(poolSize);
        MockEndpoint.assertIsSatisfied(statusTopic);
        assertThat(deadLetterTopic.getReceivedCounter()).isZero();
    }

    @Test
    void aMailWhoseConnectionFailsIsRetriedOnAnotherConnectionAndSentOnce() throws Exception {
        String email = mailbox();
        OrderPlaced placed = Orders.placed(Orders.anOrder().email(email).build());
        String record = mapper.writeValueAsString(Orders.paid(placed));
        statusTopic.expectedMessageCount(1);
        int failuresBefore = connections.failedOn.size();
        connections.failSends.set(1);

        Exchange first = consume(record, "order_confirm", placed.orderId());
        assertThat(first.isFailed()).as("left to the stage consumer to attempt again").isTrue();
        Exchange second = consume(record, "order_confirm", placed.orderId(), 2);

        assertThat(second.getException()).isNull();
        assertThat(connections.failedOn).hasSize(failuresBefore + 1);
        CountingSmtpTransport failed = connections.failedOn.get(failuresBefore);
        assertThat(onlyMailTo(email).getMessageID())
            .isEqualTo("<" + placed.orderId() + ".paid@kafka-restaurants.local>");
        assertThat(connections.lastSentOver()).isNotSameAs(failed);
        await().atMost(SMTP).untilAsserted(() -> assertThat(connections.closed).contains(failed));
        MockEndpoint.assertIsSatisfied(statusTopic);
        assertThat(status(0).get("status").asText()).isEqualTo("CONFIRMED");
        assertThat(deadLetterTopic.getReceivedCounter()).isZero();
    }

    @Test
    void theRouteSendsThroughThePooledSenderConfiguredFromRestaurantsMailAndTheMailComponent() {
        List<MailEndpoint> smtpEndpoints = context.getEndpoints()
            .stream()
            .filter(MailEndpoint.class::isInstance)
            .map(MailEndpoint.class::cast)
            .toList();
        assertThat(smtpEndpoints).isNotEmpty()
            .allSatisfy(endpoint -> assertThat(endpoint.getConfiguration().getJavaMailSender()).isSameAs(mailSender));
        Properties session = mailSender.getSession().getProperties();
        assertThat(session.getProperty("mail.smtp.host")).isEqualTo("127.0.0.1");
        assertThat(session.getProperty("mail.smtp.port"))
            .isEqualTo(Integer.toString(TestServers.smtp().getSmtp().getPort()));
        assertThat(session.getProperty("mail.smtp.timeout")).isEqualTo("2000");
        assertThat(session.getProperty("mail.smtp.localhost")).as("from camel.component.mail")
            .isEqualTo("kafka-restaurants.local");
        assertThat(session.getProperty("mail.smtp.auth")).isEqualTo("false");
    }

    @Test
    void jakartaMailIsToldAngusStreamProviderSoItSkipsItsServiceLoaderScan() {
        assertThat(System.getProperty("jakarta.mail.util.StreamProvider"))
            .isEqualTo("org.eclipse.angus.mail.util.MailStreamProvider");
        assertThat(StreamProvider.provider()).isInstanceOf(MailStreamProvider.class);
    }

    /**
     * The first attempt at a record, as the stage consumer hands it, plus headers an
     * attacker might have set.
     */
    private Exchange consume(String record, String topic, String key) {
        return consume(record, topic, key, 1);
    }

    private Exchange consume(String record, String topic, String key, int attempt) {
        return template.send("direct:outcome-in", exchange -> {
            Message message = exchange.getMessage();
            message.setBody(record);
            message.setHeader(StageRecords.ATTEMPT, attempt);
            message.setHeader(KafkaConstants.TOPIC, topic);
            message.setHeader(KafkaConstants.KEY, key);
            message.setHeader(KafkaConstants.PARTITION, 0);
            message.setHeader(KafkaConstants.OFFSET, 7L);
            message.setHeader("Bcc", ATTACKER);
            message.setHeader("Cc", ATTACKER);
            message.setHeader("X-Injected", "yes");
        });
    }

    private JsonNode status(int index) throws Exception {
        Message status = statusTopic.getReceivedExchanges().get(index).getMessage();
        JsonNode snapshot = mapper.readTree(status.getBody(String.class));
        assertThat(status.getHeader(KafkaConstants.KEY)).isEqualTo(snapshot.get("orderId").asText());
        Set<String> transport = status.getHeaders()
            .keySet()
            .stream()
            .filter(name -> !name.startsWith("Camel") && !name.startsWith("camel"))
            .collect(Collectors.toSet());
        // The trace context is Camel's tracer's, injected at the send; nothing of the
        // consumed record or the mail.
        assertThat(transport).isSubsetOf(KafkaConstants.KEY, "Content-Type", "traceparent");
        return snapshot;
    }

    static MimeMessage onlyMailTo(String email) {
        await().atMost(SMTP).until(() -> TestServers.smtp().getReceivedMessagesForDomain(email).length > 0);
        MimeMessage[] mails = TestServers.smtp().getReceivedMessagesForDomain(email);
        assertThat(mails).hasSize(1);
        return mails[0];
    }

    static String mailbox() {
        return "customer-" + UUID.randomUUID() + "@example.com";
    }

    private static List<String> addresses(Address[] addresses) {
        return Arrays.stream(addresses).map(address -> ((InternetAddress) address).getAddress()).toList();
    }

    private static List<String> partTypes(MimeMessage mail) throws Exception {
        Multipart multipart = (Multipart) mail.getContent();
        List<String> types = new ArrayList<>();
        for (int i = 0; i < multipart.getCount(); i++) {
            types.add(multipart.getBodyPart(i).getContentType().toLowerCase());
        }
        return types;
    }

    private static String raw(MimeMessage mail) throws Exception {
        var out = new java.io.ByteArrayOutputStream();
        mail.writeTo(out);
        return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

}
