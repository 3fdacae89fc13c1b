package io.kafkarestaurants.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kafkarestaurants.Orders;
import java.util.List;
import org.junit.jupiter.api.Test;

class HistoryTest {

    private final StatusEntry received = StatusEntry.of(OrderStatus.RECEIVED, Orders.NOW, null);

    private final StatusEntry paid = StatusEntry.of(OrderStatus.PAID, Orders.NOW.plusSeconds(1), null);

    @Test
    void appendKeepsTheEarlierEntriesInOrder() {
        assertThat(History.append(List.of(received), paid)).containsExactly(received, paid);
    }

    @Test
    void appendLeavesTheOriginalUntouched() {
        List<StatusEntry> original = List.of(received);

        History.append(original, paid);

        assertThat(original).containsExactly(received);
    }

    @Test
    void appendToNoHistoryStartsOne() {
        assertThat(History.append(null, received)).containsExactly(received);
    }

    @Test
    void appendedHistoryCannotBeChanged() {
        List<StatusEntry> history = History.append(List.of(received), paid);

        assertThatThrownBy(() -> history.add(received)).isInstanceOf(UnsupportedOperationException.class);
    }

}
