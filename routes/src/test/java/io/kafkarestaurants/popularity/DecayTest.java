package io.kafkarestaurants.popularity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.kafkarestaurants.events.RestaurantPopularity;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DecayTest {

    private static final Instant T0 = Instant.parse("2026-03-15T10:00:00Z");

    private final Decay decay = new Decay(Duration.ofHours(1));

    @Test
    void aFirstOrderCountsOneAsOfItsRecordsTime() {
        RestaurantPopularity first = decay.counted(null, "sabich", 3, 41, T0);

        assertThat(first.score()).isEqualTo(1.0);
        assertThat(first.asOf()).isEqualTo(T0);
        assertThat(first.offset()).isEqualTo(41);
        assertThat(first.key()).isEqualTo("sabich@3");
    }

    @Test
    void anOrderOneWindowOldCountsOneOverE() {
        RestaurantPopularity first = decay.counted(null, "sabich", 0, 1, T0);

        assertThat(decay.at(first, T0.plus(Duration.ofHours(1)))).isCloseTo(Math.exp(-1), within(1e-9));
        assertThat(decay.at(first, T0.plus(Duration.ofHours(3)))).isCloseTo(0.0498, within(1e-4));
    }

    @Test
    void aNewerOrderDecaysTheScoreToItsTimeAndAddsOne() {
        RestaurantPopularity first = decay.counted(null, "sabich", 0, 1, T0);
        RestaurantPopularity second = decay.counted(first, "sabich", 0, 7, T0.plus(Duration.ofMinutes(30)));

        assertThat(second.score()).isCloseTo(Math.exp(-0.5) + 1, within(1e-9));
        assertThat(second.asOf()).isEqualTo(T0.plus(Duration.ofMinutes(30)));
        assertThat(second.offset()).isEqualTo(7);
    }

    @Test
    void anOlderOrderAddsItsWeightAsOfTheNewest() {
        RestaurantPopularity newest = decay.counted(null, "sabich", 0, 1, T0);
        RestaurantPopularity withOlder = decay.counted(newest, "sabich", 0, 2, T0.minus(Duration.ofHours(1)));

        assertThat(withOlder.score()).isCloseTo(1 + Math.exp(-1), within(1e-9));
        assertThat(withOlder.asOf()).isEqualTo(T0);
        assertThat(withOlder.offset()).isEqualTo(2);
    }

    @Test
    void theSameOrdersGiveTheSameScoreWhateverTheOrderTheyAreCountedIn() {
        Instant a = T0;
        Instant b = T0.plus(Duration.ofMinutes(20));
        RestaurantPopularity inOrder = decay.counted(decay.counted(null, "x", 0, 1, a), "x", 0, 2, b);
        RestaurantPopularity reversed = decay.counted(decay.counted(null, "x", 0, 1, b), "x", 0, 2, a);

        Instant later = T0.plus(Duration.ofHours(2));
        assertThat(decay.at(reversed, later)).isCloseTo(decay.at(inOrder, later), within(1e-9));
    }

    @Test
    void aScoreFromAClockAheadIsNotGrownBack() {
        RestaurantPopularity ahead = decay.counted(null, "x", 0, 1, T0.plusSeconds(60));

        assertThat(decay.at(ahead, T0)).isEqualTo(1.0);
    }

    @Test
    void aWindowMustBePositive() {
        assertThatThrownBy(() -> new Decay(Duration.ZERO)).hasMessageContaining("restaurants.popularity.window");
    }

}
