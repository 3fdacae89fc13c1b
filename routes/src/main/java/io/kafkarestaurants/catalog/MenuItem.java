package io.kafkarestaurants.catalog;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.math.BigDecimal;

/**
 * A dish; its price is a decimal string in the restaurant's currency, as in the catalog
 * file.
 */
public record MenuItem(String id, String name, String description,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal price, boolean vegetarian) {
}
