package io.kafkarestaurants.catalog;

import com.fasterxml.jackson.annotation.JsonFormat;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import java.math.BigDecimal;

/**
 * A dish; its price is a decimal string in the restaurant's currency, as in the catalog
 * file.
 */
public record MenuItem(@Schema(requiredMode = RequiredMode.REQUIRED, example = "margherita") String id,
        @Schema(requiredMode = RequiredMode.REQUIRED, example = "Margherita") String name,
        @Schema(example = "Tomato, fior di latte, basil") String description,
        @Schema(requiredMode = RequiredMode.REQUIRED, implementation = String.class, examples = "9.50",
                description = "A decimal string in the restaurant's currency") @JsonFormat(
                        shape = JsonFormat.Shape.STRING) BigDecimal price,
        @Schema(requiredMode = RequiredMode.REQUIRED) boolean vegetarian) {
}
