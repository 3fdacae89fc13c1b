package io.kafkarestaurants.support;

import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * In-memory stand-ins for the Kafka-backed idempotent repositories, for tests that run the transactions or email
 * routes without a broker. Needs {@code spring.main.allow-bean-definition-overriding=true}.
 */
@TestConfiguration(proxyBeanMethods = false)
public class InMemoryIdempotency {

    public static final String OVERRIDING = "spring.main.allow-bean-definition-overriding=true";

    @Bean
    MemoryIdempotentRepository chargedOrders() {
        return new MemoryIdempotentRepository();
    }

    @Bean
    MemoryIdempotentRepository sentMails() {
        return new MemoryIdempotentRepository();
    }
}
