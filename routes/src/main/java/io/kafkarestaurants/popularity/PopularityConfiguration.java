package io.kafkarestaurants.popularity;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kafkarestaurants.OnRole;
import io.kafkarestaurants.RestaurantsProperties;
import io.kafkarestaurants.kafka.TopicFollower;
import java.time.Clock;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Restaurants' popularity: the transactions role counts the orders of its partitions of
 * {@code order} and publishes the scores to {@code restaurant_popularity}
 * (popularity.camel.yaml); the api role reads that topic whole for {@code GET /search}.
 * Both read it with assign(), in no consumer group, with the application's Kafka client
 * settings (spring.kafka.*: bootstrap servers, security), as the stages' memories do. The
 * deploy tests derive each role's right to read the topic from the roles this
 * configuration is for.
 */
@Configuration(proxyBeanMethods = false)
@OnRole({ "api", "transactions" })
class PopularityConfiguration {

    /**
     * The counter of the popularity-count route, also its consumer's offset repository
     * (see PopularityCounter).
     */
    @Bean
    @OnRole("transactions")
    PopularityCounter restaurantPopularity(RestaurantsProperties properties, KafkaProperties kafka, ObjectMapper mapper,
            Clock clock, @Value("${restaurants.popularity.window}") Duration window,
            @Value("${restaurants.popularity.publish-interval}") Duration interval,
            @Value("${restaurants.popularity.catch-up-timeout}") Duration catchUp) {
        return new PopularityCounter(topic(properties, kafka, mapper), window, interval, catchUp, clock);
    }

    @Bean
    @OnRole("api")
    PopularityBoard popularityBoard(RestaurantsProperties properties, KafkaProperties kafka, ObjectMapper mapper,
            Clock clock, @Value("${restaurants.popularity.window}") Duration window,
            @Value("${restaurants.popularity.retry-delay}") Duration retryDelay) {
        return new PopularityBoard(topic(properties, kafka, mapper), window, clock, retryDelay);
    }

    private static PopularityTopic topic(RestaurantsProperties properties, KafkaProperties kafka, ObjectMapper mapper) {
        Properties application = new Properties();
        application.putAll(kafka.buildConsumerProperties(null));
        Properties consumer = TopicFollower.consumerConfig(application);
        return new PopularityTopic(properties.topics().restaurantPopularity(), () -> new KafkaConsumer<>(consumer),
                mapper);
    }

}
