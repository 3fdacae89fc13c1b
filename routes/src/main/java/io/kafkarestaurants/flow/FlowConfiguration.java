package io.kafkarestaurants.flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kafkarestaurants.OnRole;
import io.kafkarestaurants.RestaurantsProperties;
import io.kafkarestaurants.catalog.Catalog;
import io.kafkarestaurants.status.OrderStatusStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.env.Environment;

/**
 * The api role's order-flow endpoints (/flow): the topology, its live figures, order
 * trails and test orders.
 */
@Configuration(proxyBeanMethods = false)
@OnRole("api")
class FlowConfiguration {

    /** The route that places one test order through intake (flow.camel.yaml). */
    private static final String TEST_ORDER = "direct:flow-test-order";

    /**
     * Read once from every role's route files, at the first request that needs it (lazy:
     * loading the files makes a Camel model context of its own, which nothing else at
     * start-up should see; route tests that advise the application's context before
     * starting it found their mocked endpoints gone when it was made during start-up).
     * The stages' memories are beans of their own roles (PaymentConfiguration,
     * NotificationConfiguration), absent in an api process: their topics are named here
     * by the bean names the routes use.
     */
    @Bean
    @Lazy
    FlowTopology flowTopology(Environment environment, RestaurantsProperties properties) {
        RestaurantsProperties.Topics topics = properties.topics();
        return FlowTopologyReader.fromClassPath(environment::getProperty,
                Map.of("chargedOrders", topics.transactionsProcessed(), "sentMails", topics.emailSent()),
                topics.orderStatus());
    }

    /**
     * The admin client takes the application's Kafka client settings (spring.kafka.*:
     * bootstrap servers, security protocol, SASL, TLS), as the order view and the stages'
     * memories do; it only describes and lists offsets.
     */
    @Bean(destroyMethod = "close")
    @Lazy
    FlowMonitor flowMonitor(FlowTopology topology, FlowProperties flow, KafkaProperties kafka, Clock clock) {
        Properties admin = new Properties();
        admin.putAll(kafka.buildAdminProperties(null));
        admin.put(AdminClientConfig.CLIENT_ID_CONFIG, "kafka-restaurants-flow");
        admin.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) flow.adminTimeout().toMillis());
        admin.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) flow.adminTimeout().toMillis());
        FlowSampler sampler = new FlowSampler(topology, () -> Admin.create(admin), flow.adminTimeout(), clock);
        return new FlowMonitor(topology, sampler, flow.sampleInterval(), flow.idleAfter(), flow.maxPoints(), clock);
    }

    @Bean
    FlowView flowView(ObjectProvider<FlowTopology> topology, ObjectProvider<FlowMonitor> monitor, TestOrders testOrders,
            FlowProperties flow) {
        return new FlowView(topology::getObject, monitor::getObject, testOrders, flow.sampleInterval());
    }

    @Bean
    OrderTrails orderTrails(ObjectProvider<FlowTopology> topology, OrderStatusStore store,
            RestaurantsProperties properties) {
        return new OrderTrails(topology::getObject, store, properties.topics());
    }

    @Bean
    TestOrderMaker testOrderMaker(Catalog catalog, FlowProperties flow, Clock clock) {
        return new TestOrderMaker(catalog, flow.testOrders(), clock, new Random());
    }

    /**
     * Each test order goes through the flow-test-order route, which POSTs it to this
     * process's own intake.
     */
    @Bean(destroyMethod = "close")
    TestOrders testOrders(FlowProperties flow, ProducerTemplate camel, ObjectMapper mapper, Clock clock) {
        return new TestOrders(flow.testOrders(), declineShare -> {
            Exchange answer = camel.request(TEST_ORDER, exchange -> exchange.getMessage().setBody(declineShare));
            Integer status = answer.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
            if (status == null || status != 202) {
                return new TestOrders.Placed(status == null ? 500 : status, null);
            }
            try {
                JsonNode accepted = mapper.readTree(answer.getMessage().getBody(String.class));
                return new TestOrders.Placed(status, accepted.path("orderId").asText());
            }
            catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, mapper, clock);
    }

}
