package io.kafkarestaurants.events;

import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;

/** What may be shown of a card anywhere: its brand and last four digits. */
public record CardSummary(@Schema(requiredMode = RequiredMode.REQUIRED, example = "visa") String brand,
        @Schema(requiredMode = RequiredMode.REQUIRED, example = "4242") String last4) {
}
