package io.kafkarestaurants.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafkarestaurants.RestaurantsProperties;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The delay before a stage attempts a failed record again: exponential from the first
 * failure, capped.
 */
class StageConsumerConfigurationTest {

    final RestaurantsProperties.Retry retry = new RestaurantsProperties.Retry(4, 500, 8000);

    @Test
    void theDelayDoublesFromTheInitialDelayUpToTheMaximum() {
        assertThat(StageConsumerConfiguration.backoff(retry, 1)).isEqualTo(Duration.ofMillis(500));
        assertThat(StageConsumerConfiguration.backoff(retry, 2)).isEqualTo(Duration.ofMillis(1000));
        assertThat(StageConsumerConfiguration.backoff(retry, 4)).isEqualTo(Duration.ofMillis(4000));
        assertThat(StageConsumerConfiguration.backoff(retry, 5)).isEqualTo(Duration.ofMillis(8000));
        assertThat(StageConsumerConfiguration.backoff(retry, 9)).isEqualTo(Duration.ofMillis(8000));
    }

    @Test
    void manyFailuresNeitherOverflowNorGoBelowTheInitialDelay() {
        assertThat(StageConsumerConfiguration.backoff(retry, 1000)).isEqualTo(Duration.ofMillis(8000));
        assertThat(StageConsumerConfiguration.backoff(retry, 0)).isEqualTo(Duration.ofMillis(500));
    }

}
