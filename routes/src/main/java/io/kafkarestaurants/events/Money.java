package io.kafkarestaurants.events;

import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/** An amount as a decimal string with two places plus an ISO 4217 currency code. */
public record Money(
        @Schema(requiredMode = RequiredMode.REQUIRED, description = "A decimal string with two places",
                example = "25.50") String value,
        @Schema(requiredMode = RequiredMode.REQUIRED, description = "ISO 4217", example = "EUR") String currency) {

    public Money {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(currency, "currency");
    }

    public static Money of(BigDecimal amount, String currency) {
        return new Money(amount.setScale(2, RoundingMode.UNNECESSARY).toPlainString(), currency);
    }
}
