package io.kafkarestaurants.payment;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kafkarestaurants.OnRole;
import io.kafkarestaurants.RestaurantsProperties;
import io.kafkarestaurants.kafka.StageMemory;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Cards and charges: the api role seals the card it takes, the transactions role opens it
 * to charge the bank (transactions.camel.yaml) and remembers the orders it has charged.
 */
@Configuration(proxyBeanMethods = false)
@OnRole({ "api", "transactions" })
class PaymentConfiguration {

    @Bean
    CardCipher cardCipher(RestaurantsProperties properties) {
        RestaurantsProperties.Card card = properties.card();
        return new CardCipher(CardKeyRing.configured(card.keys(), card.key(), card.keyId(), card.activeKeyId()));
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
        return StageMemory.kafka(properties.topics().transactionsProcessed(), kafka, cache);
    }

}
