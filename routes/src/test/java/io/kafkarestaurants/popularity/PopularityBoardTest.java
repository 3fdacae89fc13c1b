package io.kafkarestaurants.popularity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kafkarestaurants.Orders;
import io.kafkarestaurants.events.RestaurantPopularity;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The api's board over a stub of restaurant_popularity: sums over partitions, decayed to
 * now, rounded.
 */
class PopularityBoardTest {

    private static final Instant NOW = Orders.NOW;

    private final PopularityTopicStub topic = new PopularityTopicStub(Orders.mapper());

    private final PopularityBoard board = new PopularityBoard(topic.topic(), Duration.ofHours(1), Orders.clockAt(NOW),
            Duration.ofMillis(100));

    @AfterEach
    void stop() {
        board.stop();
    }

    @Test
    void aRestaurantsRecentOrdersAreItsScoresOnEveryPartitionDecayedToNowAndRounded() {
        topic.written(RestaurantPopularity.of("sabich", 0, 2.0, NOW, 4));
        topic.written(RestaurantPopularity.of("sabich", 1, 3.0, NOW.minus(Duration.ofHours(1)), 8));
        topic.written(RestaurantPopularity.of("ima", 0, 1.0, NOW, 5));
        board.start();

        // 2 + 3/e = 3.10
        await().atMost(Duration.ofSeconds(5)).until(() -> board.recentOrders("sabich") == 3);
        assertThat(board.recentOrders("ima")).isEqualTo(1);
        assertThat(board.recentOrders("nam")).as("no orders").isZero();
    }

    @Test
    void aLaterValueOfAKeyReplacesItsScoreUnlessItCountedLess() {
        board.start();
        topic.written(RestaurantPopularity.of("sabich", 0, 5.0, NOW, 50));
        await().atMost(Duration.ofSeconds(5)).until(() -> board.recentOrders("sabich") == 5);

        // A process that has just lost the partition writes its last, older, value after
        // the new owner's.
        topic.written(RestaurantPopularity.of("sabich", 0, 4.0, NOW, 40));
        topic.written(RestaurantPopularity.of("ima", 0, 1.0, NOW, 41));
        await().atMost(Duration.ofSeconds(5)).until(() -> board.recentOrders("ima") == 1);
        assertThat(board.recentOrders("sabich")).isEqualTo(5);

        topic.written(RestaurantPopularity.of("sabich", 0, 7.0, NOW, 60));
        await().atMost(Duration.ofSeconds(5)).until(() -> board.recentOrders("sabich") == 7);
    }

    @Test
    void aTombstoneForgetsItsKeyAndAnUnreadableValueIsSkipped() {
        board.start();
        topic.written(RestaurantPopularity.of("sabich", 0, 5.0, NOW, 50));
        topic.written(RestaurantPopularity.of("sabich", 1, 2.0, NOW, 50));
        topic.written("ima@0", "not json");
        topic.written("sabich@1", null);

        await().atMost(Duration.ofSeconds(5)).until(() -> board.recentOrders("sabich") == 5);
        assertThat(board.recentOrders("ima")).isZero();
    }

}
