package io.kafkarestaurants.payment;

import static io.kafkarestaurants.support.PipelineClient.order;
import static org.assertj.core.api.Assertions.assertThat;

import io.kafkarestaurants.Application;
import io.kafkarestaurants.status.DrivenOrderView;
import io.kafkarestaurants.support.ClosedPorts;
import io.kafkarestaurants.support.InMemoryIdempotency;
import io.kafkarestaurants.support.PipelineClient;
import io.kafkarestaurants.support.StageRecords;
import io.kafkarestaurants.support.StageRoutes;
import io.kafkarestaurants.support.TestServers;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.CamelContext;
import org.apache.camel.EndpointInject;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.apache.camel.test.spring.junit5.UseAdviceWith;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.convention.TestBean;

/**
 * The card number's two clear hops, intake's POST body and the bank call, under the most
 * talkative logging an operator can switch on (the root logger at DEBUG or TRACE, or
 * {@code org.apache.hc} at TRACE, as {@code logging.level.*} or the actuator would set
 * it): no line of the process's output holds the card number. Each run also finds a DEBUG
 * line of the bank call (HttpClient's) and, with the root logger, one of intake's request
 * (Spring MVC's) in the same output, so the capture did see both at that level. Kafka is
 * mocked (both routes' {@code kafka:} endpoints skipped); the bank is the repo's WireMock
 * bank.
 */
@CamelSpringBootTest
@UseAdviceWith
@SpringBootTest(classes = { Application.class, InMemoryIdempotency.class },
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "restaurants.roles=api,transactions", "spring.kafka.admin.auto-create=false",
                InMemoryIdempotency.OVERRIDING })
@ActiveProfiles("test")
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
class CardDataLoggingIT {

    /** Sent as a person types it (spaces); the bank gets its digits. */
    static final String CARD = "4242 4242 4242 4242";
    static final String CARD_DIGITS = "4242424242424242";

    @Autowired
    CamelContext context;

    @Autowired
    ProducerTemplate template;

    @Autowired
    LoggingSystem loggingSystem;

    @LocalServerPort
    int port;

    @EndpointInject("mock:kafka:order")
    MockEndpoint orderTopic;

    @EndpointInject("mock:kafka:order_confirm")
    MockEndpoint confirmTopic;

    /**
     * The order view without a broker: its real topology under Kafka Streams' test
     * driver.
     */
    @TestBean(name = "orderViewSource", methodName = DrivenOrderView.FACTORY)
    DrivenOrderView orderView;

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        ClosedPorts.noKafka(registry);
        TestServers.register(registry);
    }

    @BeforeEach
    void adviseAndStart() throws Exception {
        if (!context.isStarted()) {
            AdviceWith.adviceWith(context, "order-intake-place", a -> a.mockEndpointsAndSkip("kafka:*"));
        }
        StageRoutes.adviseAndStart(context, "transactions-consume", "direct:order-in", "chargedOrders");
    }

    @ParameterizedTest(name = "{0} at {1}")
    @CsvSource({ "ROOT, DEBUG", "ROOT, TRACE", "org.apache.hc, TRACE" })
    void theCardNumberIsInNoLogLineOfIntakeOrOfTheBankCall(String logger, LogLevel level, CapturedOutput output)
            throws Exception {
        orderTopic.expectedMessageCount(1);
        confirmTopic.expectedMessageCount(1);
        LogLevel before = loggingSystem.getLoggerConfiguration(logger).getConfiguredLevel();
        loggingSystem.setLogLevel(logger, level);
        try {
            PipelineClient.Answer answer = new PipelineClient(port).post("/orders", order("ada@example.com", CARD),
                    Map.of("Idempotency-Key", "logging-" + UUID.randomUUID()));
            assertThat(answer.status()).isEqualTo(202);
            orderTopic.assertIsSatisfied();
            Message placed = orderTopic.getReceivedExchanges().get(0).getMessage();
            String orderId = placed.getHeader("kafka.KEY", String.class);
            Exchange charged = StageRecords.attempt(template, "direct:order-in", placed.getBody(String.class), "order",
                    orderId, 1);
            assertThat(charged.getException()).isNull();
            confirmTopic.assertIsSatisfied();
        }
        finally {
            loggingSystem.setLogLevel(logger, before);
        }

        List<String> lines = output.getAll().lines().toList();
        assertThat(lines).as("HttpClient's DEBUG line of the bank call: the capture saw the call at that level")
            .anyMatch(line -> line.contains("MainClientExec") && line.contains("executing POST /v1/payments"));
        if (logger.equals("ROOT")) {
            assertThat(lines).as("Spring MVC's DEBUG line of intake's request: the capture saw it at that level")
                .anyMatch(line -> line.contains("DispatcherServlet") && line.contains("POST \"/orders\""));
        }
        assertThat(lines).as("no line holds the card number")
            .noneMatch(line -> line.contains(CARD_DIGITS) || line.contains(CARD));
    }

}
