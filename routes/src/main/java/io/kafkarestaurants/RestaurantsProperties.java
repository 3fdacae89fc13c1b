package io.kafkarestaurants;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The application's own settings (prefix {@code restaurants}); defaults live in application.yaml, each with the
 * environment variable that overrides it. Invalid or missing values stop the start-up with the property's name.
 */
@Validated
@ConfigurationProperties("restaurants")
public record RestaurantsProperties(
        @NotEmpty List<String> roles,
        @NotBlank String catalogPath,
        @Valid @NotNull Topics topics,
        @Valid @NotNull Card card,
        @Valid @NotNull Idempotency idempotency,
        @Valid @NotNull Retry retry) {

    /** Kafka topic names and how they are created when absent. */
    public record Topics(@NotBlank String order, @NotBlank String orderConfirm, @NotBlank String orderDeclined,
                         @NotBlank String orderStatus, @NotBlank String deadLetterSuffix,
                         @NotBlank String transactionsProcessed, @NotBlank String emailSent,
                         @Min(1) int partitions, @Min(1) short replicationFactor) {
    }

    /**
     * The AES-256 key (base64) that seals card data in the {@code order} event, and its id. Secret: from the
     * environment only ({@code CARD_KEY}).
     */
    public record Card(String key, @NotBlank String keyId) {

        @Override
        public String toString() {
            return "Card[keyId=" + keyId + ", key=" + (key == null ? "absent" : "****") + "]";
        }
    }

    /** Transient failures of a stage: redeliveries after the first attempt, first delay, cap (doubling between). */
    public record Retry(@Min(0) int maxRedeliveries, @Min(1) long initialDelayMs, @Min(1) long maxDelayMs) {
    }

    /** How long and how many {@code Idempotency-Key}s an api replica remembers. */
    public record Idempotency(@NotNull java.time.Duration ttl, @Min(1) long maxKeys) {
    }
}
