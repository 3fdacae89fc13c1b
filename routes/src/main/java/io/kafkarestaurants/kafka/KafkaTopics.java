package io.kafkarestaurants.kafka;

import io.kafkarestaurants.RestaurantsProperties;
import io.kafkarestaurants.RestaurantsProperties.Topics;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Every topic the pipeline uses, created on start-up when absent (Spring Kafka's {@link KafkaAdmin} does the
 * creating). {@code order_status} and the idempotency topics are compacted: the latest record per key is the
 * state. Dead-letter topics keep their records for 30 days.
 */
@Configuration(proxyBeanMethods = false)
class KafkaTopics {

    private static final String THIRTY_DAYS_MS = String.valueOf(30L * 24 * 60 * 60 * 1000);

    @Bean
    KafkaAdmin.NewTopics pipelineTopics(RestaurantsProperties properties) {
        Topics topics = properties.topics();
        List<NewTopic> all = new ArrayList<>();
        for (String events : List.of(topics.order(), topics.orderConfirm(), topics.orderDeclined())) {
            all.add(plain(topics, events));
            all.add(plain(topics, events + topics.deadLetterSuffix())
                    .configs(java.util.Map.of(TopicConfig.RETENTION_MS_CONFIG, THIRTY_DAYS_MS)));
        }
        for (String compacted : List.of(topics.orderStatus(), topics.transactionsProcessed(), topics.emailSent())) {
            all.add(plain(topics, compacted).configs(java.util.Map.of(
                    TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
        }
        return new KafkaAdmin.NewTopics(all.toArray(NewTopic[]::new));
    }

    private static NewTopic plain(Topics topics, String name) {
        return TopicBuilder.name(name)
                .partitions(topics.partitions())
                .replicas(topics.replicationFactor())
                .build();
    }
}
