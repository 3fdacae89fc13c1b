package io.kafkarestaurants.flow;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The order-flow page's settings (prefix {@code restaurants.flow}, defaults in
 * application.yaml): how often the api samples the Kafka figures and for how long after
 * the last look, and the bounds of the test orders it may send.
 */
@Validated
@ConfigurationProperties("restaurants.flow")
record FlowProperties(@NotNull Duration sampleInterval, @NotNull Duration idleAfter, @Min(2) int maxPoints,
        @NotNull Duration adminTimeout, @Valid @NotNull TestOrders testOrders) {

    /**
     * Test orders: off in production; at most {@code maxCount} orders a run at most
     * {@code maxRatePerSecond}; paid with the bank mock's approved and declined test
     * cards (no default: the local runner and the chart read them from the mock's
     * mappings); mailed to {@code email}.
     */
    public record TestOrders(boolean enabled, @Min(1) int maxCount, @DecimalMin("0.1") double maxRatePerSecond,
            String approvedCard, String declinedCard, @NotBlank String email) {

        /** Both test cards are set. */
        public boolean cardsConfigured() {
            return approvedCard != null && !approvedCard.isBlank() && declinedCard != null && !declinedCard.isBlank();
        }

        @Override
        public String toString() {
            return "TestOrders[enabled=" + enabled + ", maxCount=" + maxCount + ", maxRatePerSecond=" + maxRatePerSecond
                    + ", cards=" + (cardsConfigured() ? "set" : "absent") + "]";
        }
    }
}
