package io.kafkarestaurants.status;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.junit.jupiter.api.Test;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.availability.ReadinessState;

class OrderViewAvailabilityTest {

    private final FakeView view = new FakeView();

    private final OrderViewAvailability availability = new OrderViewAvailability(view);

    @Test
    void aReplicaWhoseViewHasNotCaughtUpRefusesTrafficAfterTheApplicationSaidReady() {
        availability.onApplicationEvent(new AvailabilityChangeEvent<>(this, ReadinessState.ACCEPTING_TRAFFIC));

        assertThat(availability.getReadinessState()).isEqualTo(ReadinessState.REFUSING_TRAFFIC);
        assertThat(availability.getState(ReadinessState.class)).isEqualTo(ReadinessState.REFUSING_TRAFFIC);
    }

    @Test
    void onceTheViewHasCaughtUpTheApplicationsOwnStateCounts() {
        availability.onApplicationEvent(new AvailabilityChangeEvent<>(this, ReadinessState.ACCEPTING_TRAFFIC));
        view.caughtUp = true;

        assertThat(availability.getReadinessState()).isEqualTo(ReadinessState.ACCEPTING_TRAFFIC);

        availability.onApplicationEvent(new AvailabilityChangeEvent<>(this, ReadinessState.REFUSING_TRAFFIC));
        assertThat(availability.getReadinessState()).as("shutting down").isEqualTo(ReadinessState.REFUSING_TRAFFIC);
    }

    @Test
    void livenessIsNotTheViewsBusiness() {
        availability.onApplicationEvent(new AvailabilityChangeEvent<>(this, LivenessState.CORRECT));

        assertThat(availability.getLivenessState()).isEqualTo(LivenessState.CORRECT);
    }

    private static final class FakeView implements OrderViewSource {

        volatile boolean caughtUp;

        @Override
        public ReadOnlyKeyValueStore<String, byte[]> snapshots() {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean caughtUp() {
            return caughtUp;
        }

        @Override
        public void listen(OrderViewEvents events) {
        }

    }

}
