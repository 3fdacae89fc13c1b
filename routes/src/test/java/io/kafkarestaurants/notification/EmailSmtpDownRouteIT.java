package io.kafkarestaurants.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kafkarestaurants.Application;
import io.kafkarestaurants.Orders;
import io.kafkarestaurants.events.OrderPlaced;
import io.kafkarestaurants.support.ClosedPorts;
import io.kafkarestaurants.support.InMemoryIdempotency;
import io.kafkarestaurants.support.StageRecords;
import io.kafkarestaurants.support.StageRoutes;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.EndpointInject;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.apache.camel.test.spring.junit5.UseAdviceWith;
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
 * The email stage with no SMTP server listening: each mail is retried with backoff, then
 * its record goes to {@code order_confirm.DLT} as consumed and the order is FAILED with
 * reason mail_unavailable.
 */
@CamelSpringBootTest
@UseAdviceWith
@SpringBootTest(classes = { Application.class, InMemoryIdempotency.class },
        properties = { "restaurants.roles=email", "spring.kafka.admin.auto-create=false",
                InMemoryIdempotency.OVERRIDING })
@ActiveProfiles("test")
@DirtiesContext
class EmailSmtpDownRouteIT {

    @Autowired
    CamelContext context;

    @Autowired
    ProducerTemplate template;

    @Autowired
    ObjectMapper mapper;

    @Value("${restaurants.retry.max-redeliveries}")
    int maxRedeliveries;

    @EndpointInject("mock:smtp-attempts")
    MockEndpoint smtpAttempts;

    @EndpointInject("mock:kafka:order_status")
    MockEndpoint statusTopic;

    /**
     * See TransactionsRouteIT: the toD to the dead-letter topic, as camel-kafka's
     * SendDynamicAware names it.
     */
    @EndpointInject(StageRoutes.DEAD_LETTER_MOCK)
    MockEndpoint deadLetterTopic;

    @DynamicPropertySource
    static void noServers(DynamicPropertyRegistry registry) {
        ClosedPorts.noKafka(registry);
        int closedSmtp = ClosedPorts.closedPort();
        registry.add("restaurants.mail.smtp-host", () -> "127.0.0.1");
        registry.add("restaurants.mail.smtp-port", () -> closedSmtp);
    }

    @BeforeEach
    void adviseAndStart() throws Exception {
        if (!context.isStarted()) {
            assertThat(context.getRegistry().lookupByNameAndType("sentMails", IdempotentRepository.class))
                .isInstanceOf(MemoryIdempotentRepository.class);
            AdviceWith.adviceWith(context, "email-consume", a -> {
                a.replaceFromWith("direct:outcome-in");
                a.mockEndpointsAndSkip("kafka:*");
            });
            AdviceWith.adviceWith(context, "email-notify",
                    a -> a.interceptSendToEndpoint("smtp:*").to("mock:smtp-attempts"));
            context.start();
        }
        MockEndpoint.resetMocks(context);
    }

    @Test
    void smtpDownIsRetriedThenDeadLetteredAndTheOrderFails() throws Exception {
        OrderPlaced placed = Orders.placed(Orders.anOrder().email(EmailRouteIT.mailbox()).build());
        String record = mapper.writeValueAsString(Orders.paid(placed));
        smtpAttempts.expectedMessageCount(1 + maxRedeliveries);
        deadLetterTopic.expectedMessageCount(1);
        statusTopic.expectedMessageCount(1);

        List<Exchange> attempts = StageRecords.untilFinished(template, "direct:outcome-in", record, "order_confirm",
                placed.orderId(), 1 + maxRedeliveries);

        assertThat(attempts).hasSize(1 + maxRedeliveries);
        assertThat(attempts.subList(0, maxRedeliveries)).allMatch(Exchange::isFailed);
        assertThat(attempts.get(maxRedeliveries).getException()).as("the last attempt dead-letters the record")
            .isNull();
        MockEndpoint.assertIsSatisfied(smtpAttempts, deadLetterTopic, statusTopic);

        Message dead = deadLetterTopic.getReceivedExchanges().get(0).getMessage();
        assertThat(dead.getBody(String.class)).isEqualTo(record);
        assertThat(dead.getHeader(KafkaConstants.OVERRIDE_TOPIC)).isEqualTo("order_confirm.DLT");
        assertThat(dead.getHeader(KafkaConstants.KEY)).isEqualTo(placed.orderId());
        assertThat(dead.getHeader("dlt-original-topic")).isEqualTo("order_confirm");
        assertThat(dead.getHeader("dlt-failed-route")).isEqualTo("email-notify");
        assertThat(dead.getHeader("dlt-exception-class", String.class)).contains("java.net.ConnectException");

        JsonNode status = mapper.readTree(statusTopic.getReceivedExchanges().get(0).getMessage().getBody(String.class));
        assertThat(status.get("orderId").asText()).isEqualTo(placed.orderId());
        assertThat(status.get("status").asText()).isEqualTo("FAILED");
        assertThat(status.get("reason").asText()).isEqualTo("mail_unavailable");
        assertThat(status.get("history").findValuesAsText("status")).containsExactly("RECEIVED", "PAID", "FAILED");
        assertThat(status.hasNonNull("notifiedAt")).isFalse();
    }

}
