package io.kafkarestaurants.notification;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafkarestaurants.Orders;
import io.kafkarestaurants.events.OrderDeclined;
import io.kafkarestaurants.events.OrderPaid;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MailMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void aConfirmationMailRecordsTheTimeFromTheOrdersIntake() {
        OrderPaid paid = Orders.paid();
        Instant received = paid.history().get(0).at();

        new MailMetrics(registry, Orders.clockAt(received.plusMillis(1_250))).mailed(paid);

        assertThat(timer("confirmed").count()).isOne();
        assertThat(timer("confirmed").totalTime(TimeUnit.MILLISECONDS)).isEqualTo(1_250);
        assertThat(timer("declined").count()).isZero();
    }

    @Test
    void aDeclineMailIsRecordedApart() {
        OrderDeclined declined = Orders.declined("card_declined");
        Instant received = declined.history().get(0).at();

        new MailMetrics(registry, Orders.clockAt(received.plus(Duration.ofSeconds(3)))).mailed(declined);

        assertThat(timer("declined").count()).isOne();
        assertThat(timer("declined").totalTime(TimeUnit.SECONDS)).isEqualTo(3);
        assertThat(timer("confirmed").count()).isZero();
    }

    @Test
    void aClockBehindTheIntakesRecordsZeroNotANegativeTime() {
        OrderPaid paid = Orders.paid();

        new MailMetrics(registry, Orders.clockAt(paid.history().get(0).at().minusSeconds(2))).mailed(paid);

        assertThat(timer("confirmed").count()).isOne();
        assertThat(timer("confirmed").totalTime(TimeUnit.NANOSECONDS)).isZero();
    }

    private Timer timer(String outcome) {
        return registry.get(MailMetrics.COMPLETION).tag("outcome", outcome).timer();
    }

}
