package io.kafkarestaurants.popularity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.kafkarestaurants.Orders;
import io.kafkarestaurants.events.RestaurantPopularity;
import io.kafkarestaurants.popularity.PopularityCounter.Batch;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.camel.RuntimeCamelException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The counter over a stub of restaurant_popularity: what it counts once, when it
 * publishes, what it takes up.
 */
class PopularityCounterTest {

    private static final Instant T0 = Orders.NOW;

    private static final Duration WINDOW = Duration.ofHours(1);

    private static final Duration INTERVAL = Duration.ofSeconds(1);

    private final AtomicReference<Instant> now = new AtomicReference<>(T0);

    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };

    private final PopularityTopicStub topic = new PopularityTopicStub(Orders.mapper());

    private final PopularityCounter counter = new PopularityCounter(topic.topic(), WINDOW, INTERVAL,
            Duration.ofSeconds(5), clock);

    @AfterEach
    void stop() {
        counter.stop();
    }

    @Test
    void eachRecordIsCountedOnceForItsRestaurantAndPartition() {
        assigned(0);

        assertThat(counter.count("sabich", 0, 5, millis(T0))).isTrue();
        assertThat(counter.count("sabich", 0, 5, millis(T0))).as("the same record again").isFalse();
        assertThat(counter.count("sabich", 0, 3, millis(T0))).as("an earlier record, counted before").isFalse();
        assertThat(counter.count("sabich", 0, 6, millis(T0))).isTrue();

        assertThat(score(counter.due(0), "sabich").score()).isEqualTo(2.0);
    }

    @Test
    void aBatchHoldsOnlyTheRestaurantsThatChangedAndComesAtMostOncePerInterval() {
        assigned(0);
        counter.count("sabich", 0, 1, millis(T0));
        counter.count("ima", 0, 2, millis(T0));

        Batch first = counter.due(0);
        assertThat(first.partition()).isZero();
        assertThat(first.scores()).extracting(RestaurantPopularity::restaurantId).containsExactly("sabich", "ima");
        counter.published(first);

        counter.count("ima", 0, 3, millis(T0));
        assertThat(counter.due(0)).as("within the interval").isNull();
        assertThat(counter.dueAll()).isEmpty();

        now.set(T0.plus(INTERVAL));
        Batch second = counter.due(0);
        assertThat(second.scores()).extracting(RestaurantPopularity::restaurantId).containsExactly("ima");
        assertThat(score(second, "ima").offset()).isEqualTo(3);
    }

    @Test
    void oneBatchOfAPartitionAtATimeAndWhatWasNotPublishedComesAgain() {
        assigned(0);
        counter.count("sabich", 0, 1, millis(T0));
        Batch inFlight = counter.due(0);
        counter.count("ima", 0, 2, millis(T0));

        assertThat(counter.due(0)).as("while a batch is in flight").isNull();

        counter.notPublished(inFlight);
        assertThat(counter.due(0).scores()).extracting(RestaurantPopularity::restaurantId)
            .containsExactlyInAnyOrder("sabich", "ima");
    }

    @Test
    void theTimerGetsTheBatchesOfEveryPartitionWithChanges() {
        assigned(0);
        assigned(1);
        counter.count("sabich", 0, 1, millis(T0));
        counter.count("sabich", 1, 1, millis(T0));

        assertThat(counter.dueAll()).extracting(Batch::partition).containsExactlyInAnyOrder(0, 1);
    }

    @Test
    void anAssignedPartitionTakesUpTheTopicsScoresAndSkipsWhatTheyCounted() {
        topic.written(RestaurantPopularity.of("sabich", 0, 3.0, T0, 10));
        topic.written(RestaurantPopularity.of("sabich", 1, 9.0, T0, 99));
        assigned(0);

        assertThat(counter.count("sabich", 0, 10, millis(T0))).as("counted by the previous owner").isFalse();
        assertThat(counter.count("sabich", 0, 11, millis(T0.plus(WINDOW)))).isTrue();

        RestaurantPopularity taken = score(counter.due(0), "sabich");
        assertThat(taken.score()).as("3 decayed over one window, plus one")
            .isCloseTo(3 * Math.exp(-1) + 1, within(1e-9));
        assertThat(taken.offset()).isEqualTo(11);
    }

    @Test
    void aPartitionTakenUpAgainKeepsWhicheverScoreCountedFurther() {
        assigned(0);
        counter.count("sabich", 0, 20, millis(T0));
        counter.count("ima", 0, 21, millis(T0));
        // Meanwhile another process owned the partition: it counted ima further, sabich
        // not as far as here.
        topic.written(RestaurantPopularity.of("sabich", 0, 1.0, T0, 15));
        topic.written(RestaurantPopularity.of("ima", 0, 4.0, T0, 30));

        assigned(0);

        assertThat(counter.count("sabich", 0, 20, millis(T0))).as("its own count reached 20").isFalse();
        assertThat(counter.count("ima", 0, 30, millis(T0))).as("the other owner's reached 30").isFalse();
        assertThat(counter.count("ima", 0, 31, millis(T0))).isTrue();
        assertThat(score(counter.due(0), "ima").score()).isEqualTo(5.0);
    }

    @Test
    void aPartitionIsNotCountedUntilTheTopicCouldBeRead() {
        PopularityCounter unreadable = new PopularityCounter(
                new PopularityTopic("absent", () -> new PopularityTopicStub(Orders.mapper()), Orders.mapper()), WINDOW,
                INTERVAL, Duration.ofMillis(200), clock);
        unreadable.getState("order/0");

        assertThatThrownBy(() -> unreadable.count("sabich", 0, 1, millis(T0))).isInstanceOf(RuntimeCamelException.class)
            .hasMessageContaining("take up partition 0");
        assertThat(unreadable.due(0)).as("nothing was counted").isNull();
    }

    @Test
    void itAnswersNoOffsetSoTheConsumerStartsFromTheGroupsCommit() {
        assertThat(counter.getState("order/3")).isNull();
    }

    private void assigned(int partition) {
        counter.getState("order/" + partition);
    }

    private static long millis(Instant at) {
        return at.toEpochMilli();
    }

    private static RestaurantPopularity score(Batch batch, String restaurantId) {
        return batch.scores().stream().filter(s -> s.restaurantId().equals(restaurantId)).findFirst().orElseThrow();
    }

}
