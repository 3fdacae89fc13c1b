package io.kafkarestaurants;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kafkarestaurants.catalog.Catalog;
import io.kafkarestaurants.kafka.DeadLetters;
import io.kafkarestaurants.kafka.StageMemory;
import io.kafkarestaurants.order.IdempotencyKeys;
import io.kafkarestaurants.order.OrderFactory;
import io.kafkarestaurants.order.OrderIds;
import io.kafkarestaurants.order.OrderRequests;
import io.kafkarestaurants.order.OrderValidator;
import io.kafkarestaurants.order.Problems;
import io.kafkarestaurants.order.ReadinessGate;
import io.kafkarestaurants.payment.BankPayments;
import io.kafkarestaurants.payment.CardCipher;
import io.kafkarestaurants.payment.CardKeyRing;
import io.kafkarestaurants.status.StatusEvents;
import java.time.Clock;
import java.util.Properties;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The beans the routes call by name, each created only in the roles whose routes use it.
 */
@Configuration(proxyBeanMethods = false)
class PipelineBeans {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    StatusEvents statusEvents(Clock clock) {
        return new StatusEvents(clock);
    }

    @Bean
    DeadLetters deadLetters() {
        return new DeadLetters();
    }

    @Bean
    @OnRole({ "api", "transactions" })
    CardCipher cardCipher(RestaurantsProperties properties) {
        RestaurantsProperties.Card card = properties.card();
        return new CardCipher(CardKeyRing.configured(card.keys(), card.key(), card.keyId(), card.activeKeyId()));
    }

    @Bean
    @OnRole("api")
    OrderRequests orderRequests(@Value("${restaurants.intake.max-body-bytes}") long maxBodyBytes) {
        return new OrderRequests(maxBodyBytes);
    }

    @Bean
    @OnRole("api")
    OrderValidator orderValidator(Catalog catalog, Clock clock) {
        return new OrderValidator(catalog, clock);
    }

    @Bean
    @OnRole("api")
    OrderIds orderIds() {
        return new OrderIds();
    }

    @Bean
    @OnRole("api")
    OrderFactory orderFactory(Catalog catalog, CardCipher cipher, Clock clock) {
        return new OrderFactory(catalog, cipher, clock);
    }

    @Bean
    @OnRole("api")
    IdempotencyKeys idempotencyKeys(RestaurantsProperties properties) {
        return new IdempotencyKeys(properties.idempotency().ttl(), properties.idempotency().maxKeys());
    }

    @Bean
    @OnRole("api")
    Problems problems() {
        return new Problems();
    }

    @Bean
    @OnRole("api")
    ReadinessGate readinessGate(ApplicationAvailability availability, Problems problems, ObjectMapper mapper) {
        return new ReadinessGate(availability, problems, mapper);
    }

    @Bean
    @OnRole("transactions")
    BankPayments bankPayments(CardCipher cipher, ObjectMapper mapper, Clock clock) {
        return new BankPayments(cipher, mapper, clock);
    }

    /**
     * Orders already charged (or given up on): shared by every transactions replica, kept
     * in Kafka.
     */
    @Bean
    @OnRole("transactions")
    StageMemory chargedOrders(RestaurantsProperties properties, KafkaProperties kafka,
            @Value("${restaurants.idempotency.repository-cache-size}") int cache) {
        return repository(properties.topics().transactionsProcessed(), kafka, cache);
    }

    /**
     * Mails already sent, per order and outcome: shared by every email replica, kept in
     * Kafka.
     */
    @Bean
    @OnRole("email")
    StageMemory sentMails(RestaurantsProperties properties, KafkaProperties kafka,
            @Value("${restaurants.idempotency.repository-cache-size}") int cache) {
        return repository(properties.topics().emailSent(), kafka, cache);
    }

    /**
     * The stages' memories are Camel services that must run before any record is consumed
     * (a Kafka-backed one reads its whole topic when it starts, then follows it): started
     * with the Camel context, before its routes, and stopped with it, after them.
     */
    @Bean
    CamelContextConfiguration stageMemories(ObjectProvider<IdempotentRepository> memories) {
        return new CamelContextConfiguration() {
            @Override
            public void beforeApplicationStart(CamelContext camel) {
                memories.orderedStream().forEach(memory -> {
                    try {
                        camel.addService(memory, true, true);
                    }
                    catch (Exception e) {
                        throw new IllegalStateException("Could not start the stage memory " + memory, e);
                    }
                });
            }

            @Override
            public void afterApplicationStart(CamelContext camel) {
                // Nothing more: the memories are running.
            }
        };
    }

    /**
     * The memory's own consumer and producer take the application's Kafka client settings
     * (spring.kafka.*: bootstrap servers, security protocol, SASL, TLS), so they reach a
     * secured cluster as the routes do. The consumer joins no group: it reads the topic
     * with assign().
     */
    private static StageMemory repository(String topic, KafkaProperties kafka, int cacheSize) {
        Properties consumer = new Properties();
        consumer.putAll(kafka.buildConsumerProperties(null));
        Properties producer = new Properties();
        producer.putAll(kafka.buildProducerProperties(null));
        return StageMemory.kafka(topic, consumer, producer, cacheSize);
    }

}
