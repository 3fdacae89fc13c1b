package io.kafkarestaurants.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafkarestaurants.Orders;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class OrderStatusChangedTest {

    private static final Instant T0 = Orders.NOW;

    private static final Instant T1 = T0.plusSeconds(1);

    private static final Instant T2 = T0.plusSeconds(2);

    private final OrderDetails order = Orders.placed().order();

    @Test
    void longerHistorySupersedes() {
        assertThat(snapshot(received()).supersededBy(snapshot(paid()))).isTrue();
    }

    @Test
    void shorterHistoryDoesNotSupersede() {
        assertThat(snapshot(paid()).supersededBy(snapshot(received()))).isFalse();
    }

    @Test
    void sameSnapshotDoesNotSupersede() {
        assertThat(snapshot(paid()).supersededBy(snapshot(paid()))).isFalse();
    }

    @Test
    void sameHistoryNowNotifiedSupersedes() {
        assertThat(snapshot(declined()).supersededBy(notified(declined(), T2))).isTrue();
    }

    @Test
    void sameHistoryNoLongerNotifiedDoesNotSupersede() {
        assertThat(notified(declined(), T2).supersededBy(snapshot(declined()))).isFalse();
    }

    @Test
    void secondNotificationDoesNotSupersedeTheFirst() {
        assertThat(notified(declined(), T1).supersededBy(notified(declined(), T2))).isFalse();
    }

    @Test
    void longerHistorySupersedesEvenANotifiedSnapshot() {
        List<StatusEntry> failedLater = History.append(declined(),
                new StatusEntry(OrderStatus.FAILED, T2, "mail_unavailable", null));

        assertThat(notified(declined(), T2).supersededBy(snapshot(failedLater))).isTrue();
    }

    private static List<StatusEntry> received() {
        return List.of(StatusEntry.of(OrderStatus.RECEIVED, T0, null));
    }

    private static List<StatusEntry> paid() {
        return History.append(received(), StatusEntry.of(OrderStatus.PAID, T1, null));
    }

    private static List<StatusEntry> declined() {
        return History.append(received(), new StatusEntry(OrderStatus.DECLINED, T1, "card_declined", null));
    }

    private OrderStatusChanged snapshot(List<StatusEntry> history) {
        return notified(history, null);
    }

    private OrderStatusChanged notified(List<StatusEntry> history, Instant notifiedAt) {
        StatusEntry last = history.get(history.size() - 1);
        return new OrderStatusChanged(OrderStatusChanged.TYPE, Events.SCHEMA_VERSION, "order-1", last.status(),
                last.reason(), last.at(), order, history, notifiedAt);
    }

}
