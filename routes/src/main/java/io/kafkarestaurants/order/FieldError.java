package io.kafkarestaurants.order;

import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;

/**
 * One rejected field of a request, named by its JSON path ({@code items[0].quantity}).
 */
public record FieldError(
        @Schema(requiredMode = RequiredMode.REQUIRED, description = "The field's JSON path",
                example = "items[0].quantity") String field,
        @Schema(requiredMode = RequiredMode.REQUIRED, example = "must be between 1 and 20") String message) {
}
