package io.kafkarestaurants.order;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kafkarestaurants.OnRole;
import io.kafkarestaurants.RestaurantsProperties;
import io.kafkarestaurants.catalog.Catalog;
import io.kafkarestaurants.payment.CardCipher;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The api role's order intake (order-intake.camel.yaml): reading, validating and placing
 * an order, its idempotency keys, the problems the API answers, and the gate that turns
 * requests away while this replica is not ready.
 */
@Configuration(proxyBeanMethods = false)
@OnRole("api")
class OrderConfiguration {

    @Bean
    OrderRequests orderRequests(@Value("${restaurants.intake.max-body-bytes}") long maxBodyBytes) {
        return new OrderRequests(maxBodyBytes);
    }

    @Bean
    OrderValidator orderValidator(Catalog catalog, Clock clock) {
        return new OrderValidator(catalog, clock);
    }

    @Bean
    OrderIds orderIds() {
        return new OrderIds();
    }

    @Bean
    OrderFactory orderFactory(Catalog catalog, CardCipher cipher, Clock clock) {
        return new OrderFactory(catalog, cipher, clock);
    }

    @Bean
    IdempotencyKeys idempotencyKeys(RestaurantsProperties properties) {
        return new IdempotencyKeys(properties.idempotency().ttl(), properties.idempotency().maxKeys());
    }

    @Bean
    Problems problems() {
        return new Problems();
    }

    @Bean
    ReadinessGate readinessGate(ApplicationAvailability availability, Problems problems, ObjectMapper mapper) {
        return new ReadinessGate(availability, problems, mapper);
    }

}
