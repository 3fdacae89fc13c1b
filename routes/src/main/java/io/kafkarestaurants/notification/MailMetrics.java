package io.kafkarestaurants.notification;

import io.kafkarestaurants.events.OrderOutcome;
import io.kafkarestaurants.events.OrderPaid;
import io.kafkarestaurants.events.OrderStatus;
import io.kafkarestaurants.events.StatusEntry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * What the email stage records of each mail SMTP accepted: how long the order took from
 * intake (its RECEIVED time, which every event carries in its history) to this mail, as
 * the timer {@value #COMPLETION} tagged {@code outcome=confirmed} (POST to CONFIRMED) or
 * {@code outcome=declined} (POST to the decline mail). Its count is the stage's mails per
 * outcome. A mail found sent before (a record consumed again) is not recorded again. Its
 * histogram buckets come from management.metrics.distribution (application.yaml). Clocks
 * of different pods may disagree by a little: a negative time is recorded as zero.
 */
public class MailMetrics {

    static final String COMPLETION = "restaurants.order.completion";

    private final Clock clock;

    private final Timer confirmed;

    private final Timer declined;

    MailMetrics(MeterRegistry registry, Clock clock) {
        this.clock = clock;
        this.confirmed = timer(registry, "confirmed");
        this.declined = timer(registry, "declined");
    }

    /** Records the order's time from intake to now, when its mail was just sent. */
    public void mailed(OrderOutcome outcome) {
        Instant received = received(outcome);
        if (received != null) {
            Duration took = Duration.between(received, clock.instant());
            (outcome instanceof OrderPaid ? confirmed : declined).record(took.isNegative() ? Duration.ZERO : took);
        }
    }

    private static Instant received(OrderOutcome outcome) {
        for (StatusEntry entry : outcome.history()) {
            if (entry.status() == OrderStatus.RECEIVED) {
                return entry.at();
            }
        }
        return null;
    }

    private static Timer timer(MeterRegistry registry, String outcome) {
        return Timer.builder(COMPLETION)
            .description("Time from an order's intake (RECEIVED) to its confirmation or decline mail sent")
            .tag("outcome", outcome)
            .register(registry);
    }

}
