package io.kafkarestaurants.kafka;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kafkarestaurants.RestaurantsProperties;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Properties;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@code stage-kafka} component (the stages' consumers, with the app's Kafka settings
 * and retry delays), and the reader of their events.
 */
@Configuration(proxyBeanMethods = false)
class StageConsumerConfiguration {

    @Bean("stage-kafka")
    StageConsumerComponent stageKafka(KafkaProperties kafka, RestaurantsProperties properties, MeterRegistry meters) {
        Properties consumer = new Properties();
        consumer.putAll(kafka.buildConsumerProperties(null));
        RestaurantsProperties.Retry retry = properties.retry();
        return new StageConsumerComponent(consumer, failedAttempts -> backoff(retry, failedAttempts), meters);
    }

    @Bean
    StageEvents stageEvents(ObjectMapper mapper) {
        return new StageEvents(mapper);
    }

    /**
     * Exponential backoff: the initial delay after the first failure, doubling, capped at
     * the maximum delay.
     */
    static Duration backoff(RestaurantsProperties.Retry retry, int failedAttempts) {
        int doublings = Math.max(0, Math.min(failedAttempts - 1, 30));
        return Duration.ofMillis(Math.min(retry.maxDelayMs(), retry.initialDelayMs() << doublings));
    }

}
