package io.kafkarestaurants.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kafkarestaurants.OnRole;
import io.kafkarestaurants.RestaurantsProperties;
import java.time.Clock;
import java.time.Duration;
import java.util.Properties;
import org.apache.camel.ProducerTemplate;
import org.apache.kafka.streams.StreamsConfig;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The api role's order view: Kafka Streams over order_status, the store the routes read,
 * readiness, retention.
 */
@Configuration(proxyBeanMethods = false)
@OnRole("api")
class StatusConfiguration {

    /**
     * How long an order this replica has just placed is answered from memory, until its
     * store has it.
     */
    private static final Duration PLACED_HERE_FOR = Duration.ofMinutes(2);

    /**
     * The order-status-repair route: a queue, so the view's thread never waits for Kafka.
     */
    private static final String REPAIR = "seda:order-status-repair";

    /**
     * The view's Kafka Streams client takes the application's Kafka client settings
     * (spring.kafka.*: bootstrap servers, security protocol, SASL, TLS), as the stages'
     * memories do. It joins no consumer group: a global store reads every partition with
     * assign().
     */
    @Bean
    KafkaStreamsOrderView orderViewSource(RestaurantsProperties properties, KafkaProperties kafka,
            ObjectMapper mapper) {
        RestaurantsProperties.OrderView view = properties.orderView();
        Properties config = new Properties();
        config.putAll(kafka.buildStreamsProperties(null));
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, view.applicationId());
        config.put(StreamsConfig.STATE_DIR_CONFIG, view.stateDir());
        config.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
        config.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, OrderViewRocksDb.class);
        config.put(OrderViewRocksDb.MEMORY, view.rocksdbMemory().toBytes() + "B");
        // Records the view's consumer holds fetched but not yet applied: bounded, so a
        // replica rebuilding a large
        // view keeps a small heap (the default allows 50 MB).
        config.put(StreamsConfig.globalConsumerPrefix("fetch.max.bytes"), 8 * 1024 * 1024);
        // Fetches wait for 64 KB of statuses or 50 ms, whichever comes first: under load
        // the view reads batches
        // instead of a fetch per record (the poll loop was half of the view thread's CPU,
        // and the broker's too), and
        // it lags at most 50 ms. The store is rebuilt one partition at a time, and the
        // last fetch of each waits the
        // whole wait: the default 500 ms made every start 6 s longer (12 partitions), 50
        // ms costs 0.6 s.
        config.put(StreamsConfig.globalConsumerPrefix("fetch.min.bytes"), 64 * 1024);
        config.put(StreamsConfig.globalConsumerPrefix("fetch.max.wait.ms"), 50);
        Properties admin = new Properties();
        admin.putAll(kafka.buildAdminProperties(null));
        return new KafkaStreamsOrderView(properties.topics().orderStatus(), mapper, config, admin, view.restartDelay());
    }

    /**
     * A stale snapshot overtook the view's: the order-status-repair route publishes the
     * view's again.
     */
    @Bean
    OrderStatusStore orderStatusStore(OrderViewSource source, ObjectMapper mapper, ProducerTemplate camel) {
        return new OrderStatusStore(source, mapper, PLACED_HERE_FOR, current -> camel.sendBody(REPAIR, current));
    }

    @Bean
    OrderRetention orderRetention(OrderStatusStore store, RestaurantsProperties properties, Clock clock) {
        RestaurantsProperties.OrderView view = properties.orderView();
        return new OrderRetention(store, clock, view.retention(), view.sweepBatch());
    }

    /**
     * Readiness waits for the order view (replaces Spring Boot's own availability bean in
     * this role).
     */
    @Bean
    ApplicationAvailability applicationAvailability(OrderViewSource source) {
        return new OrderViewAvailability(source);
    }

}
