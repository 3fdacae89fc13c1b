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
 * The application's own settings (prefix {@code restaurants}); defaults live in
 * application.yaml, each with the environment variable that overrides it. Invalid or
 * missing values stop the start-up with the property's name.
 */
@Validated
@ConfigurationProperties("restaurants")
public record RestaurantsProperties(@NotEmpty List<String> roles, @NotBlank String catalogPath,
        @Valid @NotNull Topics topics, @Valid @NotNull Card card, @Valid @NotNull Idempotency idempotency,
        @Valid @NotNull Retry retry, @Valid @NotNull OrderView orderView) {

    /** Kafka topic names and how they are created when absent. */
    public record Topics(@NotBlank String order, @NotBlank String orderConfirm, @NotBlank String orderDeclined,
            @NotBlank String orderStatus, @NotBlank String deadLetterSuffix, @NotBlank String transactionsProcessed,
            @NotBlank String emailSent, @NotBlank String restaurantPopularity, @Min(1) int partitions,
            @Min(1) short replicationFactor) {
    }

    /**
     * The AES-256 keys (base64) that seal and open card data in the {@code order} event:
     * the ring ({@code keys}, {@code id=key} entries) plus the one-key form ({@code key}
     * under {@code keyId}), and the id that seals. Secrets: from the environment only
     * ({@code CARD_KEYS}, {@code CARD_KEY}). Checked by the card key ring.
     */
    public record Card(String keys, String key, String keyId, String activeKeyId) {

        @Override
        public String toString() {
            return "Card[activeKeyId=" + activeKeyId + ", keyId=" + keyId + ", keys=" + hidden(keys) + ", key="
                    + hidden(key) + "]";
        }

        private static String hidden(String secret) {
            return secret == null || secret.isBlank() ? "absent" : "****";
        }
    }

    /**
     * Transient failures of a stage: redeliveries after the first attempt, first delay,
     * cap (doubling between).
     */
    public record Retry(@Min(0) int maxRedeliveries, @Min(1) long initialDelayMs, @Min(1) long maxDelayMs) {
    }

    /** How long and how many {@code Idempotency-Key}s an api replica remembers. */
    public record Idempotency(@NotNull java.time.Duration ttl, @Min(1) long maxKeys) {
    }

    /**
     * The api role's order view (Kafka Streams, on disk): where its store lives, its
     * Kafka Streams application id, the native memory RocksDB may use, how long terminal
     * orders are kept and how often the retention sweep runs.
     */
    public record OrderView(@NotBlank String stateDir, @NotBlank String applicationId,
            @NotNull org.springframework.util.unit.DataSize rocksdbMemory, @NotNull java.time.Duration retention,
            @NotNull java.time.Duration sweepInterval, @Min(1) int sweepBatch,
            @NotNull java.time.Duration restartDelay) {
    }
}
