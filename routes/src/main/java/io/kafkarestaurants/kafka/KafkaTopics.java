package io.kafkarestaurants.kafka;

import io.kafkarestaurants.RestaurantsProperties;
import io.kafkarestaurants.RestaurantsProperties.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Every topic the pipeline uses, created on start-up when absent (Spring Kafka's
 * {@link KafkaAdmin} does the creating). {@code order_status}, the idempotency topics and
 * {@code restaurant_popularity} are compacted: the latest record per key is the state.
 * Dead-letter topics keep their records for 30 days. strimzi/base/kafka-topics.yaml
 * declares the same topics with the same settings; the deploy tests hold the two equal.
 */
@Configuration(proxyBeanMethods = false)
class KafkaTopics {

    private static final long DAY_MS = 24L * 60 * 60 * 1000;

    private static final String THIRTY_DAYS_MS = String.valueOf(30 * DAY_MS);

    /**
     * {@code order_status}: every snapshot carries its order's whole history, so the
     * latest one per orderId is all a reader needs and no reader needs an older one
     * (min.compaction.lag.ms stays 0). The api tombstones a terminal order once its
     * retention has passed (restaurants.order-view.retention, 30 days by default); these
     * settings make the superseded snapshots and the tombstones actually leave the log,
     * and bound how long a reader may lag and still see a tombstone.
     */
    private static final Map<String, String> ORDER_STATUS_CONFIGS = Map.of(
            // Only the latest record per orderId is kept; a tombstone (null value)
            // removes the orderId.
            TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
            // The cleaner never touches the active segment: roll it daily (default 7
            // days), so a snapshot or a
            // tombstone becomes cleanable within a day even when few orders come in.
            TopicConfig.SEGMENT_MS_CONFIG, String.valueOf(DAY_MS),
            // A tombstone stays readable for a day after the cleaner reached it: an api
            // replica whose view resumes
            // from its on-disk store less than a day behind still reads it and forgets
            // the order; a new replica reads
            // the topic from the start, where the order is gone already.
            TopicConfig.DELETE_RETENTION_MS_CONFIG, String.valueOf(DAY_MS),
            // Clean a partition once a tenth of it is superseded (default: half), so the
            // topic every api replica
            // replays at start stays close to the orders still kept: at a steady rate,
            // about one cleaning a day.
            TopicConfig.MIN_CLEANABLE_DIRTY_RATIO_CONFIG, "0.1",
            // Whatever the dirty ratio, a record is compacted within 7 days of being
            // written: a forgotten order's
            // email and address leave the log in bounded time, not only once enough other
            // orders came in.
            TopicConfig.MAX_COMPACTION_LAG_MS_CONFIG, String.valueOf(7 * DAY_MS));

    /**
     * {@code restaurant_popularity}: a few records a second (at most one per restaurant
     * and partition of order per publish interval) over a few hundred keys; the api and
     * the counters read it whole at every start. Segments roll every 10 minutes, so
     * compaction keeps what they read at about the last 10 minutes of records plus one
     * per key.
     */
    private static final Map<String, String> RESTAURANT_POPULARITY_CONFIGS = Map.of(TopicConfig.CLEANUP_POLICY_CONFIG,
            TopicConfig.CLEANUP_POLICY_COMPACT, TopicConfig.SEGMENT_MS_CONFIG, String.valueOf(10 * 60 * 1000));

    @Bean
    KafkaAdmin.NewTopics pipelineTopics(RestaurantsProperties properties) {
        Topics topics = properties.topics();
        List<NewTopic> all = new ArrayList<>();
        for (String events : List.of(topics.order(), topics.orderConfirm(), topics.orderDeclined())) {
            all.add(plain(topics, events));
            all.add(plain(topics, events + topics.deadLetterSuffix())
                .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, THIRTY_DAYS_MS)));
        }
        all.add(plain(topics, topics.orderStatus()).configs(ORDER_STATUS_CONFIGS));
        for (String compacted : List.of(topics.transactionsProcessed(), topics.emailSent())) {
            all.add(plain(topics, compacted)
                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
        }
        all.add(plain(topics, topics.restaurantPopularity()).configs(RESTAURANT_POPULARITY_CONFIGS));
        return new KafkaAdmin.NewTopics(all.toArray(NewTopic[]::new));
    }

    private static NewTopic plain(Topics topics, String name) {
        return TopicBuilder.name(name).partitions(topics.partitions()).replicas(topics.replicationFactor()).build();
    }

}
