package io.kafkarestaurants.kafka;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kafkarestaurants.RestaurantsProperties;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Properties;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What every stage shares (stage.camel.yaml): the {@code stage-kafka} component (the
 * stages' consumers, with the app's Kafka settings and retry delays), the reader of their
 * events, what their dead letters say, and the start of their memories (each memory is a
 * bean of its stage's feature).
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

    @Bean
    DeadLetters deadLetters() {
        return new DeadLetters();
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
     * Exponential backoff: the initial delay after the first failure, doubling, capped at
     * the maximum delay.
     */
    static Duration backoff(RestaurantsProperties.Retry retry, int failedAttempts) {
        int doublings = Math.max(0, Math.min(failedAttempts - 1, 30));
        return Duration.ofMillis(Math.min(retry.maxDelayMs(), retry.initialDelayMs() << doublings));
    }

}
