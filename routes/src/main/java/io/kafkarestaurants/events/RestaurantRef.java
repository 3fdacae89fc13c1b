package io.kafkarestaurants.events;

import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;

public record RestaurantRef(@Schema(requiredMode = RequiredMode.REQUIRED, example = "amore-mio") String id,
        @Schema(requiredMode = RequiredMode.REQUIRED, example = "Amore Mio") String name) {
}
