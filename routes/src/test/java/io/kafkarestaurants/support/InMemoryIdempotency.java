package io.kafkarestaurants.support;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * In-memory stand-ins for the Kafka-backed idempotent repositories, for tests that run
 * the transactions or email routes without a broker. Needs
 * {@code spring.main.allow-bean-definition-overriding=true}.
 */
@TestConfiguration(proxyBeanMethods = false)
public class InMemoryIdempotency {

    public static final String OVERRIDING = "spring.main.allow-bean-definition-overriding=true";

    @Bean
    TestMemory chargedOrders() {
        return new TestMemory();
    }

    @Bean
    TestMemory sentMails() {
        return new TestMemory();
    }

}
